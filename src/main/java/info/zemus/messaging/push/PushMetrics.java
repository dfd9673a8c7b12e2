package info.zemus.messaging.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What happens to pushes: each device's outcome at the provider, retries, pushes skipped on purpose, and
 * pushes dropped because the node could not take them. Tag values come from fixed sets in our code, never
 * from a provider's answer.
 */
@ApplicationScoped
@Startup // meters exist (at 0) from the first scrape on
public class PushMetrics {

    /** How a push to one device ended. */
    public enum Outcome {
        /** The provider accepted it. */
        SENT("sent"),
        /** The token is dead (uninstalled app, wrong project, garbage): the device was deleted. */
        DEAD_TOKEN("dead_token"),
        /** Refused for good (our payload, our credentials): not retried, device kept. */
        FAILED("failed"),
        /** Still failing (5xx, 429, timeouts) when its deadline came. */
        EXPIRED("expired");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    /** Why a message was not pushed although the policy considered it. */
    public enum Skip {
        COLLAPSED("collapsed"), ACKNOWLEDGED("acknowledged"), NO_DEVICE("no_device");

        final String tag;

        Skip(String tag) {
            this.tag = tag;
        }
    }

    /** Why a push was lost. */
    public enum Drop {
        QUEUE_FULL("queue_full"), DATABASE("database");

        final String tag;

        Drop(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> sent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> retries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Skip, Counter> skipped = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Drop, Counter> dropped = new ConcurrentHashMap<>();
    private final Counter tokenRefreshes;
    private final Counter tokenRefreshFailures;

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Skip skip : Skip.values()) {
            skipped(skip, 0);
        }
        for (Drop drop : Drop.values()) {
            dropped(drop, 0);
        }
        this.tokenRefreshes = tokenRefresh(registry, "ok");
        this.tokenRefreshFailures = tokenRefresh(registry, "error");
    }

    private static Counter tokenRefresh(MeterRegistry registry, String outcome) {
        return Counter.builder("zemus.push.access.token.refreshes")
                .description("OAuth2 access tokens fetched for FCM from the service account's token endpoint")
                .tag("outcome", outcome).register(registry);
    }

    /** Publishes the number of pushes waiting in the queue. */
    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("zemus.push.queue.depth", depth).description("Pushes waiting for a free sender")
                .strongReference(true).register(registry);
    }

    public void sent(String provider, Outcome outcome) {
        sent.computeIfAbsent(provider + "/" + outcome.tag, key -> Counter.builder("zemus.push.sent")
                .description("Pushes to one device, by provider and final outcome")
                .tag("provider", provider).tag("outcome", outcome.tag).register(registry)).increment();
    }

    public void retried(String provider) {
        retries.computeIfAbsent(provider, key -> Counter.builder("zemus.push.retries")
                .description("Attempts repeated after a 5xx, a 429, a timeout or a refused access token")
                .tag("provider", provider).register(registry)).increment();
    }

    public void skipped(Skip reason) {
        skipped(reason, 1);
    }

    private void skipped(Skip reason, int count) {
        skipped.computeIfAbsent(reason, key -> Counter.builder("zemus.push.skipped")
                .description("Messages not pushed on purpose: collapsed into a recent push of the same conversation, "
                        + "acknowledged by a device in time, or recipient without devices")
                .tag("reason", key.tag).register(registry)).increment(count);
    }

    public void dropped(Drop reason) {
        dropped(reason, 1);
    }

    private void dropped(Drop reason, int count) {
        dropped.computeIfAbsent(reason, key -> Counter.builder("zemus.push.dropped")
                .description("Pushes lost: the queue was full, or the database could not say what to push")
                .tag("reason", key.tag).register(registry)).increment(count);
    }

    public void accessTokenRefreshed(boolean ok) {
        (ok ? tokenRefreshes : tokenRefreshFailures).increment();
    }
}
