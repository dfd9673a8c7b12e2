package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * The group commit seen from the database side: how long each multi-row INSERT takes (failed ones apart,
 * to alert on), and how many messages each one carries (near 1 at low load, growing with concurrency).
 */
@ApplicationScoped
@Startup // meters exist (at 0) from the first scrape on, not from their first use
public class StoreMetrics {

    private final Timer inserted;
    private final Timer failed;
    private final DistributionSummary batchSize;
    private final Counter queueFull;
    private final Counter deadline;

    public StoreMetrics(MeterRegistry registry, MessagesConfig config) {
        this.inserted = insertTimer(registry, "ok");
        this.failed = insertTimer(registry, "error");
        this.batchSize = DistributionSummary.builder("zemus.messages.insert.batch")
                .description("Messages per INSERT of the group commit")
                .baseUnit("messages")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue((double) Math.max(1, config.maxBatch()))
                .register(registry);
        this.queueFull = refusedCounter(registry, "queue_full");
        this.deadline = refusedCounter(registry, "deadline");
    }

    private static Counter refusedCounter(MeterRegistry registry, String reason) {
        return Counter.builder("zemus.messages.store.refused")
                .description("Sends answered 503 before reaching the database: too many waiting (queue_full), or"
                        + " their store timeout passed while they waited for a batch (deadline)")
                .tag("reason", reason)
                .register(registry);
    }

    private static Timer insertTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("zemus.messages.insert")
                .description("Multi-row INSERTs of messages (one per group-commit batch), by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Sends refused before reaching the database; {@code reason} is queue_full or deadline. */
    public void refused(String reason, int sends) {
        ("queue_full".equals(reason) ? queueFull : deadline).increment(sends);
    }

    /** One batch INSERT begun at {@code startedNanos}, with {@code size} messages, ended well or not. */
    public void batch(int size, boolean ok, long startedNanos) {
        (ok ? inserted : failed).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        batchSize.record(size);
    }
}
