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

    /**
     * Requests refused for their token (401) that one client address may make in {@link #refusalWindow()};
     * beyond, every request from it gets 429 until the window ends, before any main API call. Only refusals
     * count, so users sharing a carrier's address are not held back by each other's traffic. 0 disables.
     * Loopback addresses are never limited: behind a reverse proxy that is not declared trusted
     * ({@code quarkus.http.proxy.*}), every client would share the proxy's address.
     */
    @WithDefault("30")
    int refusalsPerAddress();

    /** The window of {@link #refusalsPerAddress()}, from an address's first refusal. */
    @WithDefault("1m")
    java.time.Duration refusalWindow();
}
