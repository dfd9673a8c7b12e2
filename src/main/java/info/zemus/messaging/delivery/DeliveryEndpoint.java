package info.zemus.messaging.delivery;

import info.zemus.messaging.config.LimitsConfig;
import info.zemus.messaging.config.WebSocketConfig;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /ws?id=<userId>}: one device of a user. The token was already checked by
 * {@link WebSocketUpgradeCheck} before the upgrade; here the connection only joins and leaves the hub.
 * Every callback is non-blocking: it runs on the connection's event loop.
 */
@WebSocket(path = "/ws")
public class DeliveryEndpoint {

    private final SessionHub hub;
    private final OutgoingFrames frames;
    private final Recovery recovery;
    private final IncomingFrames incomingFrames;
    private final ConnectionMetrics metrics;
    private final int maxConnectionsPerUser;
    private final long maxQueuedBytes;
    private final int maxPendingFrames;
    private final Broker broker;
    private final Presence presence;

    public DeliveryEndpoint(SessionHub hub, OutgoingFrames frames, Recovery recovery, IncomingFrames incomingFrames,
                            ConnectionMetrics metrics, LimitsConfig limits, WebSocketConfig ws, Broker broker,
                            Presence presence) {
        this.broker = broker;
        this.presence = presence;
        this.metrics = metrics;
        this.maxQueuedBytes = ws.maxQueuedBytes();
        this.maxPendingFrames = ws.maxPendingFrames();
        this.maxConnectionsPerUser = limits.maxConnectionsPerUser();
        this.hub = hub;
        this.frames = frames;
        this.recovery = recovery;
        this.incomingFrames = incomingFrames;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        long userId = connection.userData().get(WebSocketUpgradeCheck.USER_ID);
        Long since = connection.userData().get(WebSocketUpgradeCheck.SINCE);
        DeviceSession session = new DeviceSession(userId, connection, connection.userData().get(WebSocketUpgradeCheck.TOKEN),
                maxQueuedBytes, incomingFrames::handle, maxPendingFrames);
        connection.userData().put(DeviceSession.KEY, session);
        // Live messages are held from the start and written only once "ready" is out (and, on a
        // reconnect, the replay): "ready" comes first whatever thread a fan-out runs on, and nothing
        // stored after the registration is missed.
        session.startReplay();
        hub.register(session);
        presence.connected(session);
        closeOldestBeyondLimit(userId);
        Log.infof("Connection %s opened for user %d", connection.id(), userId);
        Context context = Vertx.currentContext(); // the connection's event loop: see Recovery
        // With several nodes, "ready" waits until what other nodes publish for this user reaches this node;
        // without the broker there is no "ready" at all, only 4002 (the client reconnects, elsewhere).
        return broker.follow(userId)
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> {
                    Log.infof("Connection %s of user %d closed: no broker (%s)", connection.id(), userId, failure.toString());
                    return connection.close(Disconnect.BROKER_UNAVAILABLE.closeReason())
                            .onFailure().recoverWithNull().replaceWith(false);
                })
                .chain(followed -> followed ? readyThenLive(connection, session, since, context) : Uni.createFrom().voidItem());
    }

    private Uni<Void> readyThenLive(WebSocketConnection connection, DeviceSession session, Long since, Context context) {
        Uni<Void> ready = connection.sendText(frames.ready(session.userId(), connection.id()));
        if (since == null) {
            return ready.emitOn(task -> context.runOnContext(ignored -> task.run()))
                    .invoke(() -> session.finishReplay(Set.of()));
        }
        return ready.chain(() -> recovery.replay(session, since, context));
    }

    private void closeOldestBeyondLimit(long userId) {
        List<DeviceSession> devices = hub.devicesOf(userId);
        for (int i = 0; i < devices.size() - maxConnectionsPerUser; i++) {
            DeviceSession oldest = devices.get(i);
            Log.infof("Connection %s of user %d closed: over %d connections", oldest.connection().id(), userId,
                    maxConnectionsPerUser);
            oldest.connection().close(Disconnect.TOO_MANY_CONNECTIONS.closeReason())
                    .subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection, CloseReason reason) {
        // The first close frame's code, sent or received; 1005 (no status) when the connection was cut without one.
        int code = reason == null ? CloseReason.EMPTY.getCode() : reason.getCode();
        metrics.closed(code);
        DeviceSession session = connection.userData().get(DeviceSession.KEY);
        if (session != null) {
            hub.unregister(session);
            presence.disconnected(session);
            broker.unfollow(session.userId()); // one per follow: the broker counts a user's sockets itself
            Log.infof("Connection %s closed for user %d (%d)", connection.id(), session.userId(), code);
        }
    }

    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        DeviceSession session = connection.userData().get(DeviceSession.KEY);
        if (session == null || connection.isClosed()) {
            return Uni.createFrom().voidItem(); // frames still arriving after a close: nothing to do
        }
        session.seen();
        // Handled in order by the session; this callback returns at once, so websockets-next queues nothing.
        if (!session.receive(text)) {
            Log.infof("Connection %s of user %d closed: over %d frames waiting to be handled", connection.id(),
                    session.userId(), maxPendingFrames);
            return connection.close(Disconnect.TOO_MANY_PENDING_FRAMES.closeReason());
        }
        return Uni.createFrom().voidItem();
    }

    @OnBinaryMessage
    public Uni<Void> onBinary(Buffer ignored, WebSocketConnection connection) {
        DeviceSession session = connection.userData().get(DeviceSession.KEY);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        session.seen();
        return incomingFrames.refuseBinary(session); // answered at once: it waits for nothing
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(Buffer data, WebSocketConnection connection) {
        markSeen(connection);
    }

    @OnError
    @NonBlocking
    public void onError(Throwable failure, WebSocketConnection connection) {
        // Vert.x reports a message assembled from frames over max-message-size as an exception and keeps
        // the socket open; a single oversized frame is closed with 1009 by Netty already. Treat both alike.
        String message = failure.getMessage();
        if (failure instanceof IllegalStateException && message != null && message.contains("max message size")) {
            Log.infof("Connection %s closed: inbound message over the size limit", connection.id());
            connection.close(Disconnect.MESSAGE_TOO_BIG.closeReason())
                    .subscribe().with(ignored -> { }, ignored -> { });
            return;
        }
        Log.debugf("Connection %s failed: %s", connection.id(), failure.toString());
    }

    private static void markSeen(WebSocketConnection connection) {
        DeviceSession session = connection.userData().get(DeviceSession.KEY);
        if (session != null) {
            session.seen();
        }
    }
}
