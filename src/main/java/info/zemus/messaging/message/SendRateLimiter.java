package info.zemus.messaging.message;

import info.zemus.messaging.config.LimitsConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per user: {@code send-rate} sends per second sustained, {@code send-burst} at once.
 * Full buckets are dropped every minute, so memory follows the users sending right now.
 */
@ApplicationScoped
public class SendRateLimiter {

    private static final long PURGE_EVERY_MS = 60_000;

    /** Tokens and the time they were counted; guarded by itself. */
    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perNano;
    private final int burst;
    private final Vertx vertx;
    private long timerId = -1;

    public SendRateLimiter(LimitsConfig limits, Vertx vertx) {
        this.perNano = limits.sendRate() / 1e9;
        this.burst = limits.sendBurst();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(PURGE_EVERY_MS, id -> purgeFull());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Takes one send from the user's bucket, or fails with 429 and the seconds until the next one. */
    public void acquire(long userId) {
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(userId, id -> new Bucket(burst, now));
        double missing;
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            missing = 1 - bucket.tokens;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(missing / perNano / 1e9));
        throw new ApiException(ErrorCode.RATE_LIMITED,
                "Too many messages; retry in " + retryAfter + " s", retryAfter);
    }

    private void refill(Bucket bucket, long now) {
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) * perNano);
        bucket.updatedNanos = now;
    }

    void purgeFull() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                refill(bucket, now);
                return bucket.tokens >= burst;
            }
        });
    }
}
