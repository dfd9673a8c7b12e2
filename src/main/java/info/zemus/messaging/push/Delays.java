package info.zemus.messaging.push;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Waits on a Vert.x timer: no thread sleeps while a push waits for its next attempt. */
@ApplicationScoped
public class Delays {

    private final Vertx vertx;

    public Delays(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Completes after {@code delay} (at least 1 ms), on an event loop. */
    public Uni<Void> after(Duration delay) {
        long millis = Math.max(1, delay.toMillis());
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }
}
