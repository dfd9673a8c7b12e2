package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Device connections: keepalive, reconnect replay, tolerance for bad frames. */
@ConfigMapping(prefix = "zemus.ws")
public interface WebSocketConfig {

    /**
     * How often idle connections are pinged. A connection that has shown no sign of life (pong or frame)
     * for two intervals is closed, so dead mobile sockets do not linger in the session hub.
     */
    @WithDefault("30s")
    Duration pingInterval();

    /** How often the token of an open connection is checked again; one no longer valid closes it with 1008. */
    @WithDefault("10m")
    Duration tokenRecheckInterval();

    /**
     * Bytes of frames written to a connection but not yet taken by the network; a client that stops
     * reading goes over it and is closed with 1013, so it never slows others nor grows the heap.
     */
    @WithDefault("1048576")
    int maxQueuedBytes();

    /** Most messages replayed to a device reconnecting with {@code since}; beyond, it pages history. */
    @WithDefault("500")
    int replayLimit();

    /**
     * Frames a connection may have waiting to be handled (each is handled after the one before it, and a send
     * waits for its commit); one more closes it with 4003. A client that waits for each {@code ack} never has
     * more than a few.
     */
    @WithDefault("256")
    int maxPendingFrames();

    /** Malformed client frames tolerated per connection (each gets an error frame); one more closes with 4004. */
    @WithDefault("10")
    int maxInvalidFrames();
}
