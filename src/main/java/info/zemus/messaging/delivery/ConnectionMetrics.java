package info.zemus.messaging.delivery;

import info.zemus.messaging.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket connections of this node: how many are open and for how many users (read from the hub at
 * scrape time), how they closed, and the upgrades refused. Close codes come from clients too: only the
 * standard ones (1000-1015) and ours (Disconnect) become a tag value, anything else is {@code other}, so
 * that a client cannot create series at will.
 */
@ApplicationScoped
@Startup // meters exist (at 0) from the first scrape on, not from their first use
public class ConnectionMetrics {

    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> closes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ErrorCode, Counter> upgradesRejected = new ConcurrentHashMap<>();

    public ConnectionMetrics(MeterRegistry registry, SessionHub hub) {
        this.registry = registry;
        Gauge.builder("zemus.websocket.connections", hub, SessionHub::connections)
                .description("Open WebSocket connections on this node").strongReference(true).register(registry);
        Gauge.builder("zemus.users.online", hub, SessionHub::usersOnline)
                .description("Users with at least one open WebSocket connection on this node").strongReference(true)
                .register(registry);
    }

    /** A connection closed with this code (sent by either side; 1005 when it was cut without one). */
    public void closed(int code) {
        closes.computeIfAbsent(codeTag(code), tag -> Counter.builder("zemus.websocket.closes")
                .description("WebSocket connections closed, by close code")
                .tag("code", tag)
                .register(registry)).increment();
    }

    /** An upgrade to a WebSocket was refused with this code (its HTTP status is the code's). */
    public void upgradeRejected(ErrorCode code) {
        upgradesRejected.computeIfAbsent(code, c -> Counter.builder("zemus.websocket.upgrades.rejected")
                .description("WebSocket upgrades refused, by error code")
                .tag("code", c.code())
                .register(registry)).increment();
    }

    static String codeTag(int code) {
        boolean ours = Arrays.stream(Disconnect.values()).anyMatch(disconnect -> disconnect.code() == code);
        return (code >= 1000 && code <= 1015) || ours ? Integer.toString(code) : OTHER;
    }
}
