package info.zemus.messaging.message;

import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.error.Refusals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What happens to sends: accepted (stored), handed to devices, handed to push, refused by code, and the
 * time from a send's start to its fan-out. Meters are registered once (the refusals on the first use of
 * each code), so the message path only increments.
 */
@ApplicationScoped
@Startup // meters exist (at 0) from the first scrape on, not from their first use
public class MessageMetrics implements Refusals {

    /** How a send came in. */
    public enum Transport {
        REST("rest"), WEBSOCKET("websocket");

        final String tag;

        Transport(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter deliveredToRecipients;
    private final Counter deliveredToSenders;
    private final Counter pushed;
    private final Timer sendToDeliver;
    private final Map<Transport, ConcurrentHashMap<ErrorCode, Counter>> rejected = new EnumMap<>(Transport.class);

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("zemus.messages.accepted")
                .description("Messages stored by a send (idempotent retries not included)").register(registry);
        this.deliveredToRecipients = delivered(registry, "recipient");
        this.deliveredToSenders = delivered(registry, "sender");
        this.pushed = Counter.builder("zemus.messages.pushed")
                .description("Messages handed to push notifications: their recipient had no open connection")
                .register(registry);
        this.sendToDeliver = Timer.builder("zemus.messages.send.to.deliver")
                .description("From the start of an accepted send to its fan-out handed to every open device")
                .register(registry);
        for (Transport transport : Transport.values()) {
            rejected.put(transport, new ConcurrentHashMap<>());
        }
    }

    private static Counter delivered(MeterRegistry registry, String role) {
        return Counter.builder("zemus.messages.delivered")
                .description("Message frames handed to open devices by fan-out (role: the recipient's or the sender's)")
                .tag("role", role)
                .register(registry);
    }

    /** A send stored a new message. */
    public void accepted() {
        accepted.increment();
    }

    /** Fan-out handed a message to this many devices of its recipient and of its sender. */
    public void delivered(int recipientDevices, int senderDevices) {
        if (recipientDevices > 0) {
            deliveredToRecipients.increment(recipientDevices);
        }
        if (senderDevices > 0) {
            deliveredToSenders.increment(senderDevices);
        }
    }

    public void pushed() {
        pushed.increment();
    }

    /** Records the time since {@code startedNanos} ({@link System#nanoTime()} when the send began). */
    public void sendToDeliver(long startedNanos) {
        sendToDeliver.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** A send was answered by a problem document or an error frame with this code. */
    public void rejected(Transport transport, ErrorCode code) {
        rejected.get(transport).computeIfAbsent(code, c -> Counter.builder("zemus.messages.rejected")
                .description("Sends refused, by error code and transport (REST problem or WebSocket error frame)")
                .tag("code", c.code())
                .tag("transport", transport.tag)
                .register(registry)).increment();
    }

    /** Counts a REST problem answer when the request was a send ({@code POST /users/.../message}). */
    @Override
    public void refused(HttpServerRequest request, ErrorCode code) {
        if (isSend(request.method(), request.path())) {
            rejected(Transport.REST, code);
        }
    }

    // Any POST that targets the send route, even with ids too bad to match it (they are refused sends too).
    static boolean isSend(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method) && path != null && path.startsWith("/users/") && path.endsWith("/message");
    }
}
