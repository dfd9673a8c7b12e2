package info.zemus.messaging.delivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A socket's frames: handled one at a time in order, at most so many waiting, and a failing one stops nothing. */
class FrameQueueTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<UniEmitter<? super Void>> pending = new ArrayList<>();

    /** Each frame completes only when the test says so, as a send waits for its commit. */
    private Uni<Void> slow(String frame) {
        handled.add(frame);
        return Uni.createFrom().emitter(pending::add);
    }

    @Test
    void handlesFramesOneAtATimeInOrderAndRefusesOverTheBound() {
        FrameQueue queue = new FrameQueue(this::slow, 2);
        assertTrue(queue.accept("a")); // handled at once
        assertTrue(queue.accept("b"));
        assertTrue(queue.accept("c"));
        assertFalse(queue.accept("d"), "two are waiting already");
        assertEquals(List.of("a"), handled);
        pending.get(0).complete(null);
        assertEquals(List.of("a", "b"), handled);
        pending.get(1).complete(null);
        pending.get(2).complete(null);
        assertEquals(List.of("a", "b", "c"), handled);
        assertEquals(0, queue.pending());
        assertTrue(queue.accept("e"));
        assertEquals(List.of("a", "b", "c", "e"), handled);
    }

    @Test
    void framesHandledAtOnceNeverWaitAndAFailingHandlerStopsNothing() {
        FrameQueue queue = new FrameQueue(frame -> {
            handled.add(frame);
            if (frame.equals("throws")) {
                throw new IllegalStateException("a bug");
            }
            return frame.equals("fails") ? Uni.createFrom().failure(new IllegalStateException("boom"))
                    : Uni.createFrom().voidItem();
        }, 1);
        for (String frame : List.of("a", "throws", "fails", "b")) {
            assertTrue(queue.accept(frame));
        }
        assertEquals(List.of("a", "throws", "fails", "b"), handled);
        assertEquals(0, queue.pending());
    }
}
