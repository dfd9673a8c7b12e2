package info.zemus.messaging.testing;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One device of a user: a real WebSocket client on its own Vert.x instance, recording every frame
 * it receives. {@link #connect} returns once the server said {@code ready}, i.e. registered it.
 */
public final class WsDevice implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ClientWebSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private volatile Integer closeCode;

    // Handlers are set before connecting: a frame sent right after the upgrade is never missed.
    private WsDevice() {
        this.socket = CLIENT.webSocket();
        socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
        socket.closeHandler(ignored -> closeCode = socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode());
    }

    /** Connects with {@code Authorization: Bearer <token>} and waits for the ready frame. */
    public static WsDevice connect(long userId, String token) {
        return open(options(userId).addHeader("Authorization", "Bearer " + token));
    }

    /** Connects as a reconnecting device: replay of what came after {@code since}, then live. */
    public static WsDevice reconnect(long userId, String token, long since) {
        return open(new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI("/ws?id=" + userId + "&since=" + since).addHeader("Authorization", "Bearer " + token));
    }

    /** Connects as a browser would: the token as the second offered subprotocol. */
    public static WsDevice connectWithSubprotocol(long userId, String token) {
        return open(options(userId).setSubProtocols(List.of("bearer", token)));
    }

    /** Tries to connect and returns the HTTP status of the refused upgrade. */
    public static int rejectedStatus(WebSocketConnectOptions options) {
        try {
            WebSocket socket = CLIENT.connect(options).toCompletionStage().toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            socket.close();
            throw new AssertionError("The upgrade was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw new AssertionError("The upgrade failed without an HTTP status", e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Options for {@code /ws?id=<userId>} on the service under test, without credentials. */
    public static WebSocketConnectOptions options(Object userId) {
        return new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(RestAssured.port)
                .setURI("/ws?id=" + userId);
    }

    private static WsDevice open(WebSocketConnectOptions options) {
        try {
            WsDevice device = new WsDevice();
            device.socket.connect(options).toCompletionStage().toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            JsonObject ready = device.next();
            if (!"ready".equals(ready.getString("type"))) {
                throw new AssertionError("Expected a ready frame first, got " + ready);
            }
            return device;
        } catch (Exception e) {
            throw new AssertionError("WebSocket connect failed", e);
        }
    }

    /** The next frame, waiting up to 10 s. */
    public JsonObject next() {
        try {
            JsonObject frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of the given type, skipping (and dropping) others. */
    public JsonObject next(String type) {
        while (true) {
            JsonObject frame = next();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
    }

    /** Frames received so far and not yet taken. */
    public List<JsonObject> drain() {
        List<JsonObject> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken;
    }

    public String subprotocol() {
        return socket.subProtocol();
    }

    /** The close code the server sent, or null while open. */
    public Integer closeCode() {
        return closeCode;
    }

    public void sendText(String text) {
        socket.writeTextMessage(text);
    }

    /** Closes and waits until the close handshake is over, so no frame of this connection is still coming. */
    public void closeAndWait() {
        close();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> closeCode != null);
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
