package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a node leaves on SIGTERM. */
@ConfigMapping(prefix = "zemus.shutdown")
public interface ShutdownConfig {

    /** Readiness reports DOWN this long, still serving, so a load balancer stops sending traffic first. */
    @WithDefault("0s")
    Duration readinessDelay();

    /** Longest wait for sends in flight to finish once new ones are refused. */
    @WithDefault("10s")
    Duration drainTimeout();
}
