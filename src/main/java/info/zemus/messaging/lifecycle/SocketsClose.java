package info.zemus.messaging.lifecycle;

import info.zemus.messaging.delivery.SessionHub;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** Last step of the graceful exit: every socket is closed with 1001 so that clients reconnect elsewhere. */
@ApplicationScoped
public class SocketsClose {

    private final SessionHub hub;

    public SocketsClose(SessionHub hub) {
        this.hub = hub;
    }

    void closeAll() throws InterruptedException {
        int closing = hub.closeAll();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (hub.connections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Log.infof("Shutting down: %d sockets closed with 1001", closing);
    }
}
