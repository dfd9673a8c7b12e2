package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** "Online" and "last seen" of friends: events between devices, with each user's state in PostgreSQL. */
@ConfigMapping(prefix = "zemus.presence")
public interface PresenceConfig {

    /**
     * Off: nothing is written or published for presence, and {@code presence} frames and the presence route answer
     * {@code presence_disabled} (404).
     */
    @WithDefault("true")
    boolean enabled();

    /** Friends one socket may watch at once (one {@code presence} frame names them all); more is refused. */
    @WithDefault("100")
    int maxWatched();

    /**
     * A user whose last socket on a node closed is told offline only if none reopened within this time (on any
     * node), so that a reconnect does not flicker. Their last seen is when that socket closed.
     */
    @WithDefault("10s")
    Duration offlineAfter();

    /**
     * Each node renews a lease every third of this; a node that has not for this long is taken as dead and its
     * users go offline (unless connected elsewhere), last seen at its last renewal.
     */
    @WithDefault("30s")
    Duration nodeLease();
}
