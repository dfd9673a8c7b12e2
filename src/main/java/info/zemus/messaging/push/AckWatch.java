package info.zemus.messaging.push;

import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.lifecycle.Periodic;
import info.zemus.messaging.message.Message;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Messages handed to an open socket, watched until {@code zemus.push.ack-timeout}: those that no device
 * acknowledged by then (no {@code delivered_at} nor {@code read_at}, whichever node recorded it) go to
 * push. Watching is an O(1) append; one periodic Vert.x timer checks the due ones with one query per tick
 * (per thousand messages), so a busy node costs a query per tick, not per message.
 */
@ApplicationScoped
public class AckWatch {

    /** Most messages checked by one query. */
    private static final int MAX_PER_CHECK = 1000;

    private record Watched(Message message, Integer unreadTotal, long dueNanos) {
    }

    private final ConcurrentLinkedQueue<Watched> watched = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final PushTargets targets;
    private final PushMetrics metrics;
    private final Periodic periodic;
    private final long timeoutNanos;
    private final long tickMillis;
    private volatile BiConsumer<Message, Integer> unacknowledged = (message, unreadTotal) -> { };
    private volatile boolean started;

    public AckWatch(PushTargets targets, PushMetrics metrics, Periodic periodic, PushConfig config) {
        this.targets = targets;
        this.metrics = metrics;
        this.periodic = periodic;
        this.timeoutNanos = config.ackTimeout().toNanos();
        // A quarter of the timeout: a push comes at most 25% late, for 4 light ticks per timeout.
        this.tickMillis = Math.min(1000, Math.max(50, config.ackTimeout().toMillis() / 4));
    }

    /** Who gets the messages still unacknowledged at their timeout, with the recipient's unread total (or null). */
    void onUnacknowledged(BiConsumer<Message, Integer> listener) {
        this.unacknowledged = listener;
    }

    /** Watches a message just handed to open sockets. O(1), never blocks. */
    public void watch(Message message, Integer unreadTotal) {
        watched.add(new Watched(message, unreadTotal, System.nanoTime() + timeoutNanos));
        if (!started) {
            start();
        }
    }

    // Started on first use, so that nodes (and tests) that never watch run no timer.
    private void start() {
        started = true;
        periodic.every("push-ack-watch", Duration.ofMillis(tickMillis), this::check);
    }

    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return; // the previous check still waits for the database
        }
        long now = System.nanoTime();
        List<Watched> due = new ArrayList<>();
        // Appended in time order (one timeout for all), so the due ones are at the head.
        for (Watched head = watched.peek(); head != null && head.dueNanos() - now <= 0 && due.size() < MAX_PER_CHECK;
             head = watched.peek()) {
            due.add(watched.poll());
        }
        if (due.isEmpty()) {
            checking.set(false);
            return;
        }
        targets.pending(due.stream().map(watched -> watched.message().id()).toList()).subscribe().with(
                pending -> {
                    checking.set(false);
                    decide(due, pending);
                    if (due.size() == MAX_PER_CHECK) {
                        check(); // more may be due already: keep up with a busy node instead of waiting a tick
                    }
                },
                failure -> {
                    checking.set(false);
                    Log.warnf("Push: could not check %d messages for acknowledgement: %s", due.size(), failure.toString());
                    due.forEach(watched -> metrics.dropped(PushMetrics.Drop.DATABASE));
                });
    }

    private void decide(List<Watched> due, Set<Long> pending) {
        for (Watched watch : due) {
            if (pending.contains(watch.message().id())) {
                unacknowledged.accept(watch.message(), watch.unreadTotal());
            } else {
                metrics.skipped(PushMetrics.Skip.ACKNOWLEDGED);
            }
        }
    }
}
