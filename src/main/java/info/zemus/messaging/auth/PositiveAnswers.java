package info.zemus.messaging.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import info.zemus.messaging.config.MainApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * A short-lived, bounded memory of the main API's "yes" answers, so that a burst of sends costs one call, and a
 * shorter one of its token refusals, so that a flood repeating one bad token does too. Tokens are kept only as
 * SHA-256 hashes. A token the main API revokes stops working within the TTL.
 *
 * <p>Caffeine bounds it in amortized constant time (an earlier hand-made map scanned all its entries on
 * each insert once full, and stopped caching: with more live pairs than its size, every send paid both;
 * docs/BENCHMARKS.md, S2).
 */
@ApplicationScoped
class PositiveAnswers {

    private final Cache<String, Boolean> answers;
    private final boolean enabled;
    private final Cache<String, Boolean> refusals;
    private final boolean refusalsEnabled;

    @Inject
    PositiveAnswers(MainApiConfig config) {
        this(config.cache().ttl(), config.cache().maxSize(), config.cache().refusalTtl());
    }

    PositiveAnswers(Duration ttl, int maxSize, Duration refusalTtl) {
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.answers = cache(enabled ? ttl : Duration.ofNanos(1), maxSize);
        this.refusalsEnabled = !refusalTtl.isZero() && !refusalTtl.isNegative();
        this.refusals = cache(refusalsEnabled ? refusalTtl : Duration.ofNanos(1), maxSize);
    }

    private static Cache<String, Boolean> cache(Duration ttl, int maxSize) {
        return Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(ttl)
                .executor(Runnable::run) // maintenance inline, as cheap as a put: no pool thread per eviction
                .build();
    }

    /** True when the main API refused this token for this user within the refusal TTL. */
    boolean tokenRefused(long userId, BearerToken token) {
        return refusalsEnabled && refusals.getIfPresent("t" + userId + ":" + hash(token)) != null;
    }

    void rememberRefusal(long userId, BearerToken token) {
        if (refusalsEnabled) {
            refusals.put("t" + userId + ":" + hash(token), Boolean.TRUE);
        }
    }

    boolean tokenValid(long userId, BearerToken token) {
        return fresh("t" + userId + ":" + hash(token));
    }

    void rememberToken(long userId, BearerToken token) {
        remember("t" + userId + ":" + hash(token));
    }

    boolean friends(long userId, long friendId) {
        return fresh("f" + userId + ":" + friendId);
    }

    void rememberFriends(long userId, long friendId) {
        remember("f" + userId + ":" + friendId);
    }

    private boolean fresh(String key) {
        return enabled && answers.getIfPresent(key) != null;
    }

    private void remember(String key) {
        if (enabled) {
            answers.put(key, Boolean.TRUE);
        }
    }

    private static String hash(BearerToken token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
