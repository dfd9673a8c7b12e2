package info.zemus.messaging.push;

import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.metrics.PushMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Pushes waiting for one of {@code zemus.push.concurrency} senders, at most {@code zemus.push.queue-size}
 * of them. Offering is O(1) and never blocks (fan-out calls it on the event loop); a full queue drops the
 * push and counts it: a push is a hint, and the app gets every message back with {@code since} anyway.
 */
@ApplicationScoped
public class PushQueue {

    private final ConcurrentLinkedQueue<PushJob> waiting = new ConcurrentLinkedQueue<>();
    // The queue's own size() walks it; these two keep the bound and the in-flight count in O(1).
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final Function<PushJob, Uni<Void>> sender;
    private final PushMetrics metrics;
    private final int capacity;
    private final int concurrency;

    @Inject
    public PushQueue(PushSender sender, PushMetrics metrics, PushConfig config) {
        this(sender::push, metrics, config.queueSize(), config.concurrency());
    }

    /** A queue whose senders run {@code sender}: the push, never failing, completes when it is over. */
    PushQueue(Function<PushJob, Uni<Void>> sender, PushMetrics metrics, int capacity, int concurrency) {
        this.sender = sender;
        this.metrics = metrics;
        this.capacity = Math.max(1, capacity);
        this.concurrency = Math.max(1, concurrency);
        metrics.queueDepth(size::get);
    }

    /** Queues the push, or drops it when the queue is full (false). */
    public boolean offer(PushJob job) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            metrics.dropped(PushMetrics.Drop.QUEUE_FULL);
            Log.debugf("Push queue full: dropped push of message %d", job.message().id());
            return false;
        }
        waiting.add(job);
        startSenders();
        return true;
    }

    /** Pushes waiting (not those being sent). */
    public int depth() {
        return size.get();
    }

    private void startSenders() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= concurrency) {
                return; // a sender finishing picks the next one
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            PushJob job = waiting.poll();
            if (job == null) {
                running.decrementAndGet(); // another caller took it
                continue;
            }
            size.decrementAndGet();
            sender.apply(job).subscribe().with(done -> finished(), failure -> {
                Log.errorf(failure, "Push of message %d failed", job.message().id());
                finished();
            });
        }
    }

    private void finished() {
        running.decrementAndGet();
        startSenders();
    }
}
