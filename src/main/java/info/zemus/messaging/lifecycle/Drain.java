package info.zemus.messaging.lifecycle;

import info.zemus.messaging.config.ShutdownConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The graceful exit on SIGTERM, in order: readiness goes DOWN (for {@code readiness-delay}, still
 * serving); then new sends and upgrades are refused with 503 while the sends in flight finish (at most
 * {@code drain-timeout}); then {@link SendsDrained} is fired and the sockets are closed with 1001. An accepted send is
 * thus always stored and answered before the process ends.
 */
@ApplicationScoped
public class Drain {

    private final ShutdownConfig config;
    private final Event<SendsDrained> drained;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean notReady;
    private volatile boolean refusing;

    public Drain(ShutdownConfig config, Event<SendsDrained> drained) {
        this.config = config;
        this.drained = drained;
    }

    /** True once shutdown began: readiness reports DOWN. */
    public boolean notReady() {
        return notReady;
    }

    /** Admits a new send or upgrade, or refuses it with 503 when the node is leaving. */
    public void admit() {
        if (refusing) {
            throw new ApiException(ErrorCode.SHUTTING_DOWN, "This node is shutting down; retry on another");
        }
    }

    /** Counts a send from admission to its answer; pair with {@link #finished()}. */
    public void started() {
        admit();
        inFlight.incrementAndGet();
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    // Quarkus's shutdown delay starts while the HTTP server still serves: the whole drain happens then.
    // (By ShutdownEvent, the server has already stopped and closed the sockets with 1000.)
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) throws InterruptedException {
        notReady = true;
        Log.infof("Shutting down: readiness DOWN for %s", config.readinessDelay());
        Thread.sleep(config.readinessDelay().toMillis());
        refusing = true;
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Log.infof("Shutting down: new sends refused, %d still in flight", inFlight.get());
        drained.fire(new SendsDrained());
    }
}
