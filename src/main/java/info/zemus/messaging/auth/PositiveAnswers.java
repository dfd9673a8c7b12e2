package info.zemus.messaging.auth;

import info.zemus.messaging.config.MainApiConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short-lived, bounded memory of the main API's "yes" answers, so that a burst of sends costs one call.
 * Tokens are kept only as SHA-256 hashes. A "no" (401, 404) is never stored: a refused token is asked
 * again every time, and a token the main API revokes stops working within the TTL.
 */
@ApplicationScoped
class PositiveAnswers {

    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxSize;

    PositiveAnswers(MainApiConfig config) {
        this.ttlNanos = config.cache().ttl().toNanos();
        this.maxSize = config.cache().maxSize();
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
        if (ttlNanos <= 0) {
            return false;
        }
        Long expiry = expiries.get(key);
        if (expiry == null) {
            return false;
        }
        if (expiry - System.nanoTime() > 0) {
            return true;
        }
        expiries.remove(key, expiry);
        return false;
    }

    private void remember(String key) {
        if (ttlNanos <= 0) {
            return;
        }
        if (expiries.size() >= maxSize) {
            long now = System.nanoTime();
            expiries.values().removeIf(expiry -> expiry - now <= 0);
            if (expiries.size() >= maxSize) {
                return; // full of live answers: bounded memory wins over hit rate
            }
        }
        expiries.put(key, System.nanoTime() + ttlNanos);
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
