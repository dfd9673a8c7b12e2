package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Keepalive of the device connections. */
@ConfigMapping(prefix = "zemus.ws")
public interface WebSocketConfig {

    /**
     * How often idle connections are pinged. A connection that has shown no sign of life (pong or frame)
     * for two intervals is closed, so dead mobile sockets do not linger in the session hub.
     */
    @WithDefault("30s")
    Duration pingInterval();
}
