package info.zemus.messaging.lifecycle;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The one way periodic work runs in this service (keepalive, token recheck, push acknowledgement checks, rate
 * limit purges, stale device pruning): a Vert.x timer on an event loop, started by the feature when it needs it and
 * cancelled at shutdown. Vert.x timers, not Quarkus' scheduler: its simple scheduler ticks once a second, and
 * keepalive and acknowledgement checks need finer steps. A run that has not finished when the next is due is skipped.
 */
@ApplicationScoped
public class Periodic {

    private final Vertx vertx;
    private final Map<String, Long> timers = new ConcurrentHashMap<>();

    public Periodic(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code task} every {@code interval} (at least 1 ms); it must not block. Once per name. */
    public void every(String name, Duration interval, Runnable task) {
        everyAsync(name, interval, () -> {
            task.run();
            return Uni.createFrom().voidItem();
        });
    }

    /** Runs {@code task} every {@code interval}, skipping a run while the previous one's Uni has not completed. */
    public void everyAsync(String name, Duration interval, Supplier<Uni<Void>> task) {
        AtomicBoolean running = new AtomicBoolean();
        timers.computeIfAbsent(name, ignored -> vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            Uni<Void> run;
            try {
                run = task.get();
            } catch (RuntimeException e) {
                running.set(false);
                Log.errorf(e, "Periodic task %s failed", name);
                return;
            }
            run.subscribe().with(done -> running.set(false), failure -> {
                running.set(false);
                Log.warnf("Periodic task %s failed: %s", name, failure.toString());
            });
        }));
    }

    void stopAll(@Observes ShutdownEvent event) {
        timers.values().forEach(vertx::cancelTimer);
        timers.clear();
    }
}
