package info.zemus.messaging.auth;

import info.zemus.messaging.auth.MainApiMetrics.Call;
import info.zemus.messaging.config.MainApiConfig;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The main API as this service sees it: yes/no answers, or a failure when it cannot answer. Every call
 * goes through one guard: a timeout, one retry when the connection failed (never on an answer), and a
 * circuit breaker that stops piling calls on a main API that is down. A "no" (401, 404) is an answer and
 * never opens the breaker; nor does any other 4xx, which says the main API is up and refused this one request:
 * a flood of garbage tokens must not shut every user out.
 */
@ApplicationScoped
class MainApi {

    private static final TypeLiteral<Uni<Boolean>> ANSWER = new TypeLiteral<>() { };

    private final MainApiClient client;
    private final Guard guard;
    private final MainApiMetrics metrics;

    MainApi(@RestClient MainApiClient client, MainApiConfig config, MainApiMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
        MainApiConfig.CircuitBreaker breaker = config.circuitBreaker();
        this.guard = Guard.create()
                .withDescription("main-api")
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(config.retries()).delay(20, ChronoUnit.MILLIS).jitter(10, ChronoUnit.MILLIS)
                    .whenException(MainApi::isConnectionFailure).done()
                .withCircuitBreaker().name("main-api")
                    .requestVolumeThreshold(breaker.requestVolume())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    .skipOn(MainApiRefusal.class)
                    .onStateChange(state -> Log.warnf("Main API circuit breaker is now %s", state))
                    .done()
                .build();
    }

    /** True for 2xx (the token is this user's), false for 401/403; fails on anything else. */
    Uni<Boolean> tokenBelongsTo(long userId, BearerToken token) {
        return guarded(Call.AUTH, () -> client.auth(userId, token.authorizationHeader()).map(response -> answer(response, 401, 403)));
    }

    /**
     * True for 2xx (friends), false for 404 (not friends, or no such user) and for 401/403 (a bad token:
     * the token check, run beside this one, refuses it first); fails on anything else. A bad token must
     * be an answer here too, or a flood of forged sends would open the breaker for everyone.
     */
    Uni<Boolean> areFriends(long userId, long friendId, BearerToken token) {
        return guarded(Call.FRIENDSHIP, () -> client.friendship(userId, friendId, token.authorizationHeader())
                .map(response -> answer(response, 404, 401, 403)));
    }

    /** The call under the guard, timed from subscription to its answer or failure, as the caller waits. */
    private Uni<Boolean> guarded(Call kind, Supplier<Uni<Boolean>> call) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return guard.get(call, ANSWER)
                    .onItemOrFailure().invoke((answer, failure) -> metrics.record(kind, answer, failure, started));
        });
    }

    private static boolean answer(Response response, int... no) {
        try (response) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return true;
            }
            for (int refusal : no) {
                if (status == refusal) {
                    return false;
                }
            }
            if (status >= 400 && status < 500) {
                throw new MainApiRefusal("main API answered " + status);
            }
            throw new MainApiFailure("main API answered " + status);
        }
    }

    /** A connection refused, reset or closed before the answer: worth one more try, unlike an answer. */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The main API answered something that is neither yes nor no. */
    static class MainApiFailure extends RuntimeException {
        MainApiFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A 4xx that is not a "no" (400, 429...): still no answer for the caller (fail closed), but the main API is
     * up, so the circuit breaker does not count it.
     */
    static final class MainApiRefusal extends MainApiFailure {
        MainApiRefusal(String message) {
            super(message);
        }
    }
}
