package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one user, and everyone together, may use of this node. */
@ConfigMapping(prefix = "zemus.limits")
public interface LimitsConfig {

    /** Sustained sends per second per user (token bucket refill), REST and WebSocket together. */
    @WithDefault("20")
    double sendRate();

    /** Sends a user may burst above the rate (bucket size). */
    @WithDefault("40")
    int sendBurst();

    /** Open connections per user; a new one beyond closes that user's oldest with 4001. */
    @WithDefault("10")
    int maxConnectionsPerUser();

    /** Open connections on this node; upgrades beyond are refused with 503. */
    @WithDefault("50000")
    int maxConnections();
}
