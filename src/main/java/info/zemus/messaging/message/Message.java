package info.zemus.messaging.message;

import java.time.Instant;

/** A stored message, as answered to its sender and pushed to the devices. */
public record Message(long id, long senderId, long receiverId, String content, Instant sentAt) {
}
