package info.zemus.messaging.testing;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One device of a user: a real WebSocket client (the JDK's, whose listener is in place before the
 * handshake, so a frame sent right after the upgrade is never missed), recording every frame it receives.
 * {@link #connect} returns once the server said {@code ready}, i.e. registered it.
 */
public final class WsDevice implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private volatile Integer closeCode;
    private volatile boolean paused;
    private WebSocket socket;

    /** An upgrade request to {@code /ws}, for the connect and refusal helpers. */
    public static final class Handshake {
        private final String query;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private List<String> subprotocols = List.of();
        private Integer port;

        private Handshake(String query) {
            this.query = query;
        }

        /** Another service than the test's own (several nodes); by default RestAssured's port. */
        public Handshake onPort(int port) {
            this.port = port;
            return this;
        }

        public Handshake addHeader(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Handshake setSubProtocols(List<String> protocols) {
            this.subprotocols = protocols;
            return this;
        }

        private CompletionStage<WebSocket> open(WebSocket.Listener listener) {
            WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(WAIT);
            headers.forEach(builder::header);
            if (!subprotocols.isEmpty()) {
                builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
            }
            return builder.buildAsync(URI.create("ws://localhost:" + (port != null ? port : RestAssured.port) + "/ws?" + query), listener);
        }
    }

    /** {@code /ws?id=<userId>} without credentials; {@code userId} may carry more query, e.g. {@code "5&since=3"}. */
    public static Handshake options(Object userId) {
        return new Handshake("id=" + userId);
    }

    /** Connects with {@code Authorization: Bearer <token>} and waits for the ready frame. */
    public static WsDevice connect(long userId, String token) {
        return open(options(userId).addHeader("Authorization", "Bearer " + token));
    }

    /** Connects as a reconnecting device: replay of what came after {@code since}, then live. */
    public static WsDevice reconnect(long userId, String token, long since) {
        return open(options(userId + "&since=" + since).addHeader("Authorization", "Bearer " + token));
    }

    /** Connects to the node on {@code port} (several nodes) and waits for the ready frame. */
    public static WsDevice connect(int port, long userId, String token) {
        return open(options(userId).onPort(port).addHeader("Authorization", "Bearer " + token));
    }

    /** Reconnects to the node on {@code port} with {@code since}. */
    public static WsDevice reconnect(int port, long userId, String token, long since) {
        return open(options(userId + "&since=" + since).onPort(port).addHeader("Authorization", "Bearer " + token));
    }

    /** Connects as a browser would: the token as the second offered subprotocol. */
    public static WsDevice connectWithSubprotocol(long userId, String token) {
        return open(options(userId).setSubProtocols(List.of("bearer", token)));
    }

    /** Tries to connect and returns the HTTP status of the refused upgrade. */
    public static int rejectedStatus(Handshake handshake) {
        try {
            WebSocket socket = handshake.open(new WebSocket.Listener() { }).toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            throw new AssertionError("The upgrade was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("The upgrade failed without an HTTP status", e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static WsDevice open(Handshake handshake) {
        WsDevice device = new WsDevice();
        try {
            device.socket = handshake.open(device.new Recorder()).toCompletableFuture()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("WebSocket connect failed", e);
        }
        JsonObject ready = device.next();
        if (!"ready".equals(ready.getString("type"))) {
            throw new AssertionError("Expected a ready frame first, got " + ready);
        }
        return device;
    }

    /** Collects whole text messages (the JDK hands them over in parts) and the close code. */
    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(new JsonObject(partial.toString()));
                partial.setLength(0);
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (closeCode == null) {
                closeCode = -1;
            }
        }
    }

    /** The next frame, waiting up to 10 s. */
    public JsonObject next() {
        return next(WAIT);
    }

    /** The next frame, waiting up to {@code wait}. */
    public JsonObject next(Duration wait) {
        try {
            JsonObject frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within " + wait);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of the given type, skipping (and dropping) others. */
    public JsonObject next(String type) {
        return next(type, WAIT);
    }

    /** The next frame of the given type within {@code wait} of each frame, skipping (and dropping) others. */
    public JsonObject next(String type, Duration wait) {
        while (true) {
            JsonObject frame = next(wait);
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
    }

    /** Stops reading from the socket after the current frame, as a phone that froze. */
    public void stopReading() {
        paused = true;
    }

    /** Reads again. */
    public void resumeReading() {
        paused = false;
        socket.request(1);
    }

    /** Frames received so far and not yet taken. */
    public List<JsonObject> drain() {
        List<JsonObject> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** The close code the server sent, or null while open. */
    public Integer closeCode() {
        return closeCode;
    }

    /** Sends a text frame and waits until it is written (the JDK client allows one send at a time). */
    public void sendText(String text) {
        socket.sendText(text, true).toCompletableFuture().join();
    }

    /** Sends a binary frame and waits until it is written. */
    public void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).toCompletableFuture().join();
    }

    /** Closes and waits until the close handshake is over, so no frame of this connection is still coming. */
    public void closeAndWait() {
        close();
        await().atMost(WAIT).until(() -> closeCode != null || socket.isInputClosed());
    }

    /** Drops the connection without a close frame, as a phone losing its network. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(ignored -> null);
        }
    }
}
