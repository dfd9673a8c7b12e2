package info.zemus.messaging.delivery;

import info.zemus.messaging.config.FixedLimits;
import info.zemus.messaging.lifecycle.SendsDrained;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Last step of the graceful exit (lifecycle.Drain), once the sends in flight are answered: every socket is closed
 * with 1001 so that clients reconnect elsewhere.
 */
@ApplicationScoped
public class ClosingAtShutdown {

    private final SessionHub hub;

    public ClosingAtShutdown(SessionHub hub) {
        this.hub = hub;
    }

    void closeAll(@Observes SendsDrained drained) throws InterruptedException {
        int closing = hub.closeAll();
        long deadline = System.nanoTime() + FixedLimits.SOCKETS_CLOSE_WAIT.toNanos();
        while (hub.connections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Log.infof("Shutting down: %d sockets closed with 1001", closing);
    }
}
