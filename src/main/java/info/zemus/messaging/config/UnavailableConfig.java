package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What we tell clients when a dependency (main API, database) is down. */
@ConfigMapping(prefix = "zemus.unavailable")
public interface UnavailableConfig {

    /** Value of the {@code Retry-After} header sent with every 503. */
    @WithDefault("5s")
    Duration retryAfter();
}
