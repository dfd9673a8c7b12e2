package info.zemus.messaging.push;

import info.zemus.messaging.config.PushConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts after a transient failure: doubled at each retry up to a cap, then jittered to
 * between half and all of it, so that pushes failing together (FCM down for a minute) do not come back
 * together. FCM asks for both, and may block senders that retry in lockstep.
 */
@ApplicationScoped
public class Backoff {

    private final long initialMillis;
    private final long maxMillis;

    public Backoff(PushConfig config) {
        this.initialMillis = Math.max(1, config.retry().initialBackoff().toMillis());
        this.maxMillis = Math.max(initialMillis, config.retry().maxBackoff().toMillis());
    }

    /** The wait before retry number {@code retries + 1}. */
    public Duration after(int retries) {
        long ceiling = initialMillis << Math.min(retries, 20);
        long capped = Math.min(ceiling, maxMillis);
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
