package info.zemus.messaging.push;

import info.zemus.messaging.config.PushConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Push attempts waiting for one of {@code zemus.push.concurrency} senders, at most {@code zemus.push.queue-size}
 * of them. Offering is O(1) and never blocks (fan-out calls it on the event loop); a full queue drops the
 * push and counts it: a push is a hint, and the app gets every message back with {@code since} anyway. A push
 * whose provider asks for a retry gives its sender back while it waits, and its next attempt comes back through
 * this queue ({@link Retries}): a provider's brownout, with every push waiting between retries, does not stall
 * the pushes of everyone else.
 */
@ApplicationScoped
public class PushQueue {

    /** Where a push puts its next attempt: back in the queue after the wait, holding no sender meanwhile. */
    @FunctionalInterface
    public interface Retries {
        void after(Duration wait, long messageId, Supplier<Uni<Void>> attempt);
    }

    /** One attempt waiting for a sender. */
    private record Attempt(long messageId, Supplier<Uni<Void>> run) {
    }

    private final ConcurrentLinkedQueue<Attempt> waiting = new ConcurrentLinkedQueue<>();
    // The queue's own size() walks it; these two keep the bound and the in-flight count in O(1).
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final BiFunction<PushJob, Retries, Uni<Void>> sender;
    private final BiConsumer<Duration, Runnable> timer;
    private final PushMetrics metrics;
    private final int capacity;
    private final int concurrency;

    @Inject
    public PushQueue(PushSender sender, PushMetrics metrics, PushConfig config) {
        // Mutiny's delay waits on a scheduler, not on a sleeping thread.
        this(sender::push, (wait, then) -> Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                        .subscribe().with(ignored -> then.run()),
                metrics, config.queueSize(), config.concurrency());
    }

    /**
     * A queue whose senders run {@code sender} (an attempt, never failing, which completes when it is over and
     * hands its retries to the queue), and whose retries wait on {@code timer}.
     */
    PushQueue(BiFunction<PushJob, Retries, Uni<Void>> sender, BiConsumer<Duration, Runnable> timer, PushMetrics metrics,
              int capacity, int concurrency) {
        this.sender = sender;
        this.timer = timer;
        this.metrics = metrics;
        this.capacity = Math.max(1, capacity);
        this.concurrency = Math.max(1, concurrency);
        metrics.queueDepth(size::get);
    }

    /** Queues the push, or drops it when the queue is full (false). */
    public boolean offer(PushJob job) {
        return enqueue(new Attempt(job.message().id(), () -> sender.apply(job, this::retry)));
    }

    /** Attempts waiting (not those being sent, nor retries still waiting for their time). */
    public int depth() {
        return size.get();
    }

    private void retry(Duration wait, long messageId, Supplier<Uni<Void>> attempt) {
        timer.accept(wait, () -> enqueue(new Attempt(messageId, attempt)));
    }

    private boolean enqueue(Attempt attempt) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            metrics.dropped(PushMetrics.Drop.QUEUE_FULL);
            Log.debugf("Push queue full: dropped push of message %d", attempt.messageId());
            return false;
        }
        waiting.add(attempt);
        startSenders();
        return true;
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
            Attempt attempt = waiting.poll();
            if (attempt == null) {
                running.decrementAndGet(); // another caller took it
                continue;
            }
            size.decrementAndGet();
            Uni<Void> run;
            try {
                run = attempt.run().get();
            } catch (RuntimeException e) {
                run = Uni.createFrom().failure(e);
            }
            run.subscribe().with(done -> finished(), failure -> {
                Log.errorf(failure, "Push of message %d failed", attempt.messageId());
                finished();
            });
        }
    }

    private void finished() {
        running.decrementAndGet();
        startSenders();
    }
}
