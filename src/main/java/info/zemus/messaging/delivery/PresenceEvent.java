package info.zemus.messaging.delivery;

import java.time.Instant;

/**
 * User {@code userId} is now online (a device connected on some node) or offline since {@code lastSeen} (null when
 * never seen). {@code version} orders the changes of one user, whichever node made them: a node applies an event
 * only when it is newer than the one it knows.
 */
public record PresenceEvent(long userId, boolean online, Instant lastSeen, long version) {
}
