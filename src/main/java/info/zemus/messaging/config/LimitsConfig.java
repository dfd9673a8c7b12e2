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

    /** Sustained history pages per second per user. */
    @WithDefault("5")
    double readRate();

    /** History pages a user may ask for at once (an app opening fills a few screens). */
    @WithDefault("30")
    int readBurst();

    /**
     * Sustained {@code delivered} and {@code read} frames per second per user, all their devices together (each is
     * one UPDATE; a device acknowledges many ids in one frame).
     */
    @WithDefault("50")
    double receiptRate();

    /** Receipt frames a user may send at once. */
    @WithDefault("500")
    int receiptBurst();

    /** Sustained push device registrations and removals per second per user. */
    @WithDefault("0.2")
    double deviceRate();

    /** Device registrations and removals a user may make at once. */
    @WithDefault("10")
    int deviceBurst();

    /** Sustained reconnections with {@code since} per second per user (each replays missed messages). */
    @WithDefault("0.2")
    double replayRate();

    /** Reconnections with {@code since} a user may make at once (all their devices after a node restart). */
    @WithDefault("20")
    int replayBurst();

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
