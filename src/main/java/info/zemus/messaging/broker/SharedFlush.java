package info.zemus.messaging.broker;

import io.nats.client.Connection;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Confirms NATS subscriptions: the server has every subscription made before a ping once it answered it.
 * Callers arriving together share one ping (a flush): the client counts unanswered pings and drops its
 * connection past two, so one ping per new socket would cut it under a reconnect storm.
 */
final class SharedFlush {

    private final Supplier<Connection> connection;
    private final Duration timeout;
    private final Object lock = new Object();
    private CompletableFuture<Void> waiting; // guarded by lock: callers for the next flush
    private boolean flushing; // guarded by lock

    SharedFlush(Supplier<Connection> connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    /** Completes once the server answered a ping sent after this call. */
    CompletableFuture<Void> next() {
        synchronized (lock) {
            if (waiting == null) {
                waiting = new CompletableFuture<>();
            }
            CompletableFuture<Void> mine = waiting;
            if (!flushing) {
                start();
            }
            return mine;
        }
    }

    // Under the lock: one flush at a time, for every caller that came before it started.
    private void start() {
        flushing = true;
        CompletableFuture<Void> batch = waiting;
        waiting = null;
        Infrastructure.getDefaultWorkerPool().execute(() -> { // flush blocks until the answer
            try {
                connection.get().flush(timeout);
                batch.complete(null);
            } catch (Exception e) {
                batch.completeExceptionally(new IllegalStateException("NATS did not confirm the subscriptions", e));
            }
            synchronized (lock) {
                flushing = false;
                if (waiting != null) {
                    start();
                }
            }
        });
    }
}
