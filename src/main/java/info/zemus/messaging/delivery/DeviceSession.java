package info.zemus.messaging.delivery;

import info.zemus.messaging.auth.BearerToken;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * One open connection of one device of a user: its token (for sends over the socket), the last time
 * it showed a sign of life (read by the keepalive), and, while it replays missed messages after a
 * reconnect, the live messages held back until the replay is written.
 */
public final class DeviceSession {

    static final UserData.TypedKey<DeviceSession> KEY = new UserData.TypedKey<>("zemus.device-session");

    private record Held(long messageId, String frame) {
    }

    private final long userId;
    private final WebSocketConnection connection;
    private final BearerToken token;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile long lastSeenNanos;
    private volatile long tokenCheckedNanos;
    private int invalidFrames;
    /** Non-null while replaying; guarded by this. */
    private List<Held> held;
    /** Highest id of the replay; a later fan-out of a message up to it was in the replay already. */
    private volatile long replayedUpTo;

    private final FrameQueue inbound;

    /** {@code handler} handles each frame the client sends, in order, with at most {@code maxPendingFrames} waiting. */
    DeviceSession(long userId, WebSocketConnection connection, BearerToken token, long maxQueuedBytes,
                  BiFunction<DeviceSession, String, Uni<Void>> handler, int maxPendingFrames) {
        this.inbound = new FrameQueue(frame -> handler.apply(this, frame), maxPendingFrames);
        this.userId = userId;
        this.connection = connection;
        this.token = token;
        this.maxQueuedBytes = maxQueuedBytes;
        this.lastSeenNanos = System.nanoTime();
        this.tokenCheckedNanos = lastSeenNanos;
    }

    /** Takes a frame from the client; false when too many are waiting already (see {@link FrameQueue}). */
    boolean receive(String frame) {
        return inbound.accept(frame);
    }

    public long userId() {
        return userId;
    }

    public WebSocketConnection connection() {
        return connection;
    }

    public BearerToken token() {
        return token;
    }

    /** Writes a message's frame to each of these sessions; returns how many. */
    static int sendMessage(List<DeviceSession> sessions, long messageId, String frame) {
        for (DeviceSession session : sessions) {
            session.sendMessage(messageId, frame);
        }
        return sessions.size();
    }

    /** Writes a message frame now, or holds it while a replay is being written. */
    void sendMessage(long messageId, String frame) {
        // A message's fan-out can run a little after its commit, so after the replay that contained it.
        if (messageId <= replayedUpTo) {
            return;
        }
        synchronized (this) {
            if (held != null) {
                held.add(new Held(messageId, frame));
                return;
            }
        }
        write(frame);
    }

    /**
     * Writes any frame now, unless the frames not yet taken by the network would exceed the queue
     * bound: then the connection is closed with 1013 and gets nothing more (it recovers with since).
     * Failures mean the connection is going away, which its close handles.
     */
    public void write(String frame) {
        // Closed meanwhile (a close is being handled): websockets-next would log a WARN per frame.
        if (overflowed.get() || connection.isClosed()) {
            return;
        }
        long size = Utf8.length(frame); // bytes, as queued: a char of Greek or an emoji weighs 2 to 4
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            if (overflowed.compareAndSet(false, true)) {
                Log.infof("Connection %s of user %d closed: more than %d bytes queued (slow consumer)",
                        connection.id(), userId, maxQueuedBytes);
                connection.close(Disconnect.SLOW_CONSUMER.closeReason())
                        .subscribe().with(ignored -> { }, ignored -> { });
            }
            return;
        }
        connection.sendText(frame).subscribe().with(
                ignored -> queuedBytes.addAndGet(-size),
                failure -> {
                    queuedBytes.addAndGet(-size);
                    Log.debugf("Frame not written to connection %s of user %d: %s", connection.id(), userId,
                            failure.toString());
                });
    }

    /**
     * Writes an event's frame (typing, unread counts, presence) now, or, while a replay is being written, after it
     * and after the live messages held before it: nothing comes before {@code ready}, and counts follow their message.
     */
    public void sendEvent(String frame) {
        synchronized (this) {
            if (held != null) {
                held.add(new Held(0, frame)); // id 0: never in a replay
                return;
            }
        }
        write(frame);
    }

    /** Called before the session is registered: live messages are held until {@link #finishReplay}. */
    synchronized void startReplay() {
        held = new ArrayList<>();
    }

    /**
     * Ends a replay: writes the held live messages that the replay did not already contain, then lets
     * live messages through. Must run on the connection's event loop, so that no live write from another
     * thread can overtake these.
     */
    void finishReplay(Set<Long> replayed) {
        List<Held> toWrite;
        synchronized (this) {
            // Ids follow commit order (group commit): every message up to the highest replayed id was
            // committed before the replay's snapshot, so it was in the replay if it concerned this user.
            replayedUpTo = replayed.stream().mapToLong(Long::longValue).max().orElse(0);
            toWrite = held;
            held = null;
        }
        if (toWrite != null) {
            for (Held message : toWrite) {
                if (!replayed.contains(message.messageId())) {
                    write(message.frame());
                }
            }
        }
    }

    /** Counts a malformed frame and says whether the client has now sent more than allowed. */
    synchronized boolean tooManyInvalidFrames(int allowed) {
        return ++invalidFrames > allowed;
    }

    /** True, and the clock restarted, when the token was last checked at least {@code intervalNanos} ago. */
    boolean tokenCheckDue(long nowNanos, long intervalNanos) {
        if (nowNanos - tokenCheckedNanos < intervalNanos) {
            return false;
        }
        tokenCheckedNanos = nowNanos;
        return true;
    }

    void seen() {
        lastSeenNanos = System.nanoTime();
    }

    long silentForNanos(long nowNanos) {
        return nowNanos - lastSeenNanos;
    }

    @Override
    public String toString() {
        return "DeviceSession[user=" + userId + ", connection=" + connection.id() + "]";
    }
}
