package info.zemus.messaging.auth;

import info.zemus.messaging.config.MainApiConfig;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The main API as this service sees it: yes/no answers, or a failure when it cannot answer. The
 * circuit breaker stops us from piling calls on a main API that is down; a "no" (401, 404) is an
 * answer and never opens it.
 */
@ApplicationScoped
class MainApi {

    private final MainApiClient client;
    private final Duration timeout;

    MainApi(@RestClient MainApiClient client, MainApiConfig config) {
        this.client = client;
        this.timeout = config.timeout();
    }

    /** True for 204 (the token is this user's), false for 401/403; fails on anything else. */
    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    Uni<Boolean> tokenBelongsTo(long userId, BearerToken token) {
        return client.auth(userId, token.authorizationHeader())
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("main API token check timed out"))
                .map(response -> {
                    try (response) {
                        int status = response.getStatus();
                        if (status >= 200 && status < 300) {
                            return true;
                        }
                        if (status == 401 || status == 403) {
                            return false;
                        }
                        throw new MainApiFailure("token check answered " + status);
                    }
                });
    }

    /** True for 2xx (friends), false for 404 (not friends, or no such user); fails on anything else. */
    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    Uni<Boolean> areFriends(long userId, long friendId, BearerToken token) {
        return client.friendship(userId, friendId, token.authorizationHeader())
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("main API friendship check timed out"))
                .map(response -> {
                    try (response) {
                        int status = response.getStatus();
                        if (status >= 200 && status < 300) {
                            return true;
                        }
                        if (status == 404) {
                            return false;
                        }
                        throw new MainApiFailure("friendship check answered " + status);
                    }
                });
    }

    /** The main API answered something that is neither yes nor no. */
    static final class MainApiFailure extends RuntimeException {
        MainApiFailure(String message) {
            super(message, null, false, false);
        }
    }
}
