package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Devices registered for push notifications: how many per user, and how long an unseen one is kept. */
@ConfigMapping(prefix = "zemus.push")
public interface PushConfig {

    /** Devices kept per user; registering one more evicts the least recently seen. */
    @WithDefault("10")
    int maxDevicesPerUser();

    /** A device not registered again for this long is deleted by the pruner (its token is likely dead). */
    @WithDefault("60d")
    Duration staleDeviceAfter();

    /** How often the pruner runs (read by its {@code @Scheduled}; listed here to be documented and validated). */
    @WithDefault("6h")
    Duration pruneEvery();
}
