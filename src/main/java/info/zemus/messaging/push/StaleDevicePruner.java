package info.zemus.messaging.push;

import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.lifecycle.Periodic;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes devices not registered again for {@code zemus.push.stale-device-after}: an app that runs
 * registers on every start, so such a device was uninstalled or its token died. Every node runs it; the
 * DELETE is idempotent, so overlapping runs only cost a query.
 */
@ApplicationScoped
public class StaleDevicePruner {

    private final DeviceRegistry registry;
    private final Duration staleAfter;
    private final Duration pruneEvery;
    private final Periodic periodic;

    public StaleDevicePruner(DeviceRegistry registry, PushConfig config, Periodic periodic) {
        this.registry = registry;
        this.staleAfter = config.staleDeviceAfter();
        this.pruneEvery = config.pruneEvery();
        this.periodic = periodic;
    }

    void start(@Observes StartupEvent event) {
        periodic.everyAsync("push-device-pruner", pruneEvery, () -> prune().replaceWithVoid());
    }

    /** Deletes the devices stale as of now; completes with how many. */
    public Uni<Integer> prune() {
        return pruneSeenBefore(Instant.now().minus(staleAfter));
    }

    /** Deletes the devices last seen before {@code cutoff}; completes with how many. */
    public Uni<Integer> pruneSeenBefore(Instant cutoff) {
        return registry.pruneStale(cutoff).invoke(count -> {
            if (count > 0) {
                Log.infof("Pruned %d push devices not seen since %s", count, cutoff);
            }
        });
    }
}
