package info.zemus.messaging.limits;

import info.zemus.messaging.config.LimitsConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.lifecycle.Periodic;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one user may ask of the database per second, one token bucket per user and kind of request (rate sustained,
 * burst at once; {@code zemus.limits.*}): without them one user could take the whole pool with history pages,
 * receipts or reconnections, and every user of the node would wait. Taken after the token check, so a forger cannot
 * spend someone else's budget. Full buckets are dropped every minute: memory follows the users active right now.
 */
@ApplicationScoped
public class UserRateLimits {

    /** The kinds of request limited, each with its own buckets. */
    public enum Budget {
        /** Sends, REST and WebSocket together. */
        SEND("messages"),
        /** History pages. */
        READ("history pages"),
        /** {@code delivered} and {@code read} frames. */
        RECEIPT("receipts"),
        /** Push device registrations and removals. */
        DEVICE("device registrations"),
        /** Reconnections with {@code since}: each replays up to {@code zemus.ws.replay-limit} messages. */
        REPLAY("reconnections with since");

        private final String what;

        Budget(String what) {
            this.what = what;
        }
    }

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    /** Tokens and the time they were counted; guarded by itself. */
    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    /** One kind's rate and buckets. */
    private record Buckets(double perNano, int burst, ConcurrentHashMap<Long, Bucket> byUser) {
    }

    private final Map<Budget, Buckets> budgets = new EnumMap<>(Budget.class);
    private final Periodic periodic;

    public UserRateLimits(LimitsConfig limits, Periodic periodic) {
        this.periodic = periodic;
        budgets.put(Budget.SEND, buckets(limits.sendRate(), limits.sendBurst()));
        budgets.put(Budget.READ, buckets(limits.readRate(), limits.readBurst()));
        budgets.put(Budget.RECEIPT, buckets(limits.receiptRate(), limits.receiptBurst()));
        budgets.put(Budget.DEVICE, buckets(limits.deviceRate(), limits.deviceBurst()));
        budgets.put(Budget.REPLAY, buckets(limits.replayRate(), limits.replayBurst()));
    }

    private static Buckets buckets(double perSecond, int burst) {
        return new Buckets(perSecond / 1e9, burst, new ConcurrentHashMap<>());
    }

    void start(@Observes StartupEvent event) {
        periodic.every("rate-limit-purge", PURGE_EVERY, this::purgeFull);
    }

    /** Takes one request from the user's bucket of this kind, or fails with 429 and the seconds until the next one. */
    public void acquire(Budget budget, long userId) {
        Buckets kind = budgets.get(budget);
        long now = System.nanoTime();
        Bucket bucket = kind.byUser().computeIfAbsent(userId, id -> new Bucket(kind.burst(), now));
        double missing;
        synchronized (bucket) {
            refill(kind, bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            missing = 1 - bucket.tokens;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(missing / kind.perNano() / 1e9));
        throw new ApiException(ErrorCode.RATE_LIMITED,
                "Too many " + budget.what + "; retry in " + retryAfter + " s", retryAfter);
    }

    private static void refill(Buckets kind, Bucket bucket, long now) {
        bucket.tokens = Math.min(kind.burst(), bucket.tokens + (now - bucket.updatedNanos) * kind.perNano());
        bucket.updatedNanos = now;
    }

    void purgeFull() {
        long now = System.nanoTime();
        budgets.values().forEach(kind -> kind.byUser().values().removeIf(bucket -> {
            synchronized (bucket) {
                refill(kind, bucket, now);
                return bucket.tokens >= kind.burst();
            }
        }));
    }
}
