package info.zemus.messaging.delivery;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The frames of one socket, handled in the order they came, one at a time, with at most
 * {@code zemus.ws.max-pending-frames} waiting. websockets-next would otherwise queue them without bound behind a
 * frame whose handling waits (a send waits for its commit): a client pipelining 100,000 frames would hold them
 * all in the heap. A frame over the bound is refused, and the caller closes the socket.
 */
final class FrameQueue {

    /** Frames handled in a row before the event loop gets a turn for the other sockets. */
    static final int IN_A_ROW = 16;

    private static final int RUNNING = 0;
    private static final int DONE_AT_ONCE = 1;
    private static final int WENT_ASYNC = 2;

    private final Function<String, Uni<Void>> handler;
    private final int maxPending;
    /** The socket's event loop, to go on from there after {@link #IN_A_ROW} frames; null outside Vert.x (tests). */
    private final Context context = Vertx.currentContext();
    /** Frames waiting while one is handled; created at the first that must wait. Guarded by this. */
    private ArrayDeque<String> waiting;
    private boolean handling;

    FrameQueue(Function<String, Uni<Void>> handler, int maxPending) {
        this.handler = handler;
        this.maxPending = maxPending;
    }

    /** Handles the frame now or after those before it; false, and nothing done, when too many are waiting. */
    boolean accept(String frame) {
        synchronized (this) {
            if (handling) {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                }
                if (waiting.size() >= maxPending) {
                    return false;
                }
                waiting.add(frame);
                return true;
            }
            handling = true;
        }
        handleFrom(frame);
        return true;
    }

    /** Frames waiting behind the one being handled. */
    synchronized int pending() {
        return waiting == null ? 0 : waiting.size();
    }

    // A loop, not a recursion: frames handled at once (most of them) would otherwise deepen the stack per frame.
    private void handleFrom(String first) {
        if (first == null) {
            return;
        }
        int inARow = 0;
        for (String frame = first; frame != null; frame = next()) {
            if (++inARow > IN_A_ROW && context != null) {
                String resumeWith = frame;
                context.runOnContext(ignored -> handleFrom(resumeWith)); // the others' frames first
                return;
            }
            AtomicInteger state = new AtomicInteger(RUNNING);
            Uni<Void> handling;
            try {
                handling = handler.apply(frame);
            } catch (RuntimeException e) { // a bug in a handler must not stop this socket's frames for good
                Log.errorf(e, "A client frame's handling failed");
                continue;
            }
            handling.subscribe().with(
                    ignored -> finished(state),
                    failure -> {
                        Log.errorf(failure, "A client frame's handling failed");
                        finished(state);
                    });
            if (state.compareAndSet(RUNNING, WENT_ASYNC)) {
                return; // finished() goes on with the next one
            }
        }
    }

    private void finished(AtomicInteger state) {
        if (!state.compareAndSet(RUNNING, DONE_AT_ONCE)) {
            handleFrom(next());
        }
    }

    private String next() {
        synchronized (this) {
            String frame = waiting == null ? null : waiting.poll();
            if (frame == null) {
                handling = false;
            }
            return frame;
        }
    }
}
