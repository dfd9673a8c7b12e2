package info.zemus.messaging.delivery;

import info.zemus.messaging.config.FixedLimits;
import info.zemus.messaging.config.WebSocketConfig;
import info.zemus.messaging.lifecycle.Periodic;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;

/**
 * Pings connections that have been silent for a ping interval and closes those silent for two. A
 * mobile network often drops a socket without a FIN; without this, the hub would keep delivering to
 * dead connections instead of falling back to push.
 */
@ApplicationScoped
public class KeepAlive {

    // An instance field, not a static: a static Buffer would be built at image build time and end up in the
    // native image heap, where a Netty buffer cannot live.
    private final Buffer ping = Buffer.buffer("zemus");

    private final SessionHub hub;
    private final Periodic periodic;
    private final long intervalNanos;
    private final long intervalMillis;

    public KeepAlive(SessionHub hub, Periodic periodic, WebSocketConfig config) {
        this.hub = hub;
        this.periodic = periodic;
        this.intervalNanos = config.pingInterval().toNanos();
        this.intervalMillis = Math.max(1, config.pingInterval().toMillis());
    }

    void start(@Observes StartupEvent event) {
        // A sweep every half interval bounds how late a dead peer is noticed to 2.5 intervals.
        periodic.every("keepalive", Duration.ofMillis(intervalMillis / 2), this::sweep);
    }

    void sweep() {
        long now = System.nanoTime();
        for (List<DeviceSession> sessions : hub.all()) {
            for (DeviceSession session : sessions) {
                long silent = session.silentForNanos(now);
                if (silent >= FixedLimits.SILENT_INTERVALS_BEFORE_CLOSE * intervalNanos) {
                    Log.infof("Connection %s of user %d closed: no pong for %d ms", session.connection().id(),
                            session.userId(), silent / 1_000_000);
                    session.connection().close(Disconnect.KEEPALIVE_TIMEOUT.closeReason())
                            .subscribe().with(ignored -> { }, failure -> { });
                } else if (silent >= intervalNanos) {
                    session.connection().sendPing(ping).subscribe().with(ignored -> { }, failure -> { });
                }
            }
        }
    }
}
