package info.zemus.messaging.delivery;

import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open connection of one device of a user, with the last time it showed a sign of life (a pong or
 * a frame), which the keepalive reads to find dead peers.
 */
public final class DeviceSession {

    static final UserData.TypedKey<DeviceSession> KEY = new UserData.TypedKey<>("zemus.device-session");

    private final long userId;
    private final WebSocketConnection connection;
    private volatile long lastSeenNanos;

    DeviceSession(long userId, WebSocketConnection connection) {
        this.userId = userId;
        this.connection = connection;
        this.lastSeenNanos = System.nanoTime();
    }

    public long userId() {
        return userId;
    }

    public WebSocketConnection connection() {
        return connection;
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
