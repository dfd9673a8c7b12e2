package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How we talk to the Zemus main API, which owns users, tokens and friendships. */
@ConfigMapping(prefix = "zemus.main-api")
public interface MainApiConfig {

    /** Base URL of the main API, e.g. {@code https://api.zemus.info}. */
    @WithDefault("https://api.zemus.info")
    String url();

    /** Upper bound for one token or friendship call; past it the call counts as failed (fail closed: 503). */
    @WithDefault("800ms")
    Duration timeout();

    /** Retries of a call that failed to connect or lost its connection; never on an answer (401, 500...). */
    @WithDefault("1")
    int retries();

    /** Whether a send requires the recipient to be a friend of the sender (asked to the main API). */
    @WithDefault("true")
    boolean checkFriendship();

    CircuitBreaker circuitBreaker();

    Cache cache();

    /** Stops calling a main API that keeps failing, and probes it again after a delay. */
    interface CircuitBreaker {
        /** Calls in the rolling window the failure ratio is computed over. */
        @WithDefault("20")
        int requestVolume();

        /** Ratio of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open (every check answers 503 at once) before probing again. */
        @WithDefault("5s")
        Duration delay();

        /** Successful probes needed to close it again. */
        @WithDefault("2")
        int successThreshold();
    }

    /** Positive answers (token valid, users friends) are remembered for a while; refusals never are. */
    interface Cache {
        /** How long a positive answer is reused; 0 disables the cache. */
        @WithDefault("60s")
        Duration ttl();

        /** Most answers remembered (about 150 bytes each); past it, the least useful are evicted. */
        @WithDefault("100000")
        int maxSize();

        /**
         * How long a refused token is refused again without asking the main API; 0 disables. Short: a flood
         * repeating one bad token costs one call per this time, and a token refused by mistake recovers soon.
         */
        @WithDefault("5s")
        Duration refusalTtl();
    }
}
