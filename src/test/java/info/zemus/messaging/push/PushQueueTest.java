package info.zemus.messaging.push;

import info.zemus.messaging.message.Message;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bound and the concurrency of the push queue, with senders that finish when the test says so. */
class PushQueueTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<UniEmitter<? super Void>> inFlight = new CopyOnWriteArrayList<>();
    private final List<Long> started = new CopyOnWriteArrayList<>();
    private final List<Runnable> timers = new CopyOnWriteArrayList<>();
    private final PushQueue queue = new PushQueue((job, retries) -> Uni.createFrom().emitter(emitter -> {
        started.add(job.message().id());
        inFlight.add(emitter);
    }), (wait, then) -> timers.add(then), new PushMetrics(registry), 2, 1);

    private static PushJob job(long id) {
        return new PushJob(new Message(id, 1, 2, "x", Instant.now()), null, Instant.now().plusSeconds(60));
    }

    private double dropped() {
        return registry.get("zemus.push.dropped").tag("reason", "queue_full").counter().count();
    }

    @Test
    void sendsAtMostConcurrencyAtOnceAndDropsBeyondTheQueue() {
        List<Boolean> accepted = new ArrayList<>();
        for (long id = 1; id <= 4; id++) {
            accepted.add(queue.offer(job(id)));
        }
        // One in flight, two waiting, the fourth dropped and counted.
        assertEquals(List.of(true, true, true, false), accepted);
        assertEquals(List.of(1L), started);
        assertEquals(2, queue.depth());
        assertEquals(1.0, dropped());
        assertEquals(2.0, registry.get("zemus.push.queue.depth").gauge().value());

        inFlight.get(0).complete(null);
        assertEquals(List.of(1L, 2L), started, "a finished sender takes the next push");
        assertEquals(1, queue.depth());
        assertTrue(queue.offer(job(5)), "room again");
        assertFalse(queue.offer(job(6)));
        assertEquals(2.0, dropped());

        inFlight.get(1).complete(null);
        inFlight.get(2).complete(null);
        inFlight.get(3).complete(null);
        assertEquals(List.of(1L, 2L, 3L, 5L), started);
        assertEquals(0, queue.depth());
    }

    @Test
    void aPushWaitingToRetryHoldsNoSender() {
        List<String> attempts = new CopyOnWriteArrayList<>();
        PushQueue brownout = new PushQueue((job, retries) -> {
            attempts.add("first " + job.message().id());
            if (job.message().id() == 1) { // the provider says: later
                retries.after(Duration.ofHours(1), 1, () -> {
                    attempts.add("retry 1");
                    return Uni.createFrom().voidItem();
                });
            }
            return Uni.createFrom().voidItem();
        }, (wait, then) -> timers.add(then), new PushMetrics(new SimpleMeterRegistry()), 10, 1);
        assertTrue(brownout.offer(job(1)));
        assertTrue(brownout.offer(job(2)));
        assertEquals(List.of("first 1", "first 2"), attempts, "the only sender was free while push 1 waited");
        timers.forEach(Runnable::run); // the hour is over
        assertEquals(List.of("first 1", "first 2", "retry 1"), attempts);
        assertEquals(0, brownout.depth());
    }

    @Test
    void aFailedPushFreesItsSender() {
        PushQueue failing = new PushQueue((job, retries) -> {
            started.add(job.message().id());
            return Uni.createFrom().failure(new IllegalStateException("boom"));
        }, (wait, then) -> timers.add(then), new PushMetrics(new SimpleMeterRegistry()), 10, 1);
        for (long id = 1; id <= 3; id++) {
            assertTrue(failing.offer(job(id)));
        }
        assertEquals(List.of(1L, 2L, 3L), started);
        assertEquals(0, failing.depth());
    }
}
