package info.zemus.messaging.auth;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.observability.ThrottledLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;

/**
 * Decides whether a caller may act as a user. Fails closed: when the main API cannot answer, the
 * caller is refused with 503, never let through.
 */
@ApplicationScoped
public class TokenCheck {

    private final MainApi mainApi;
    private final PositiveAnswers answers;
    private final DevTokens devTokens;
    private final ThrottledLog refusals = new ThrottledLog("'Token refused'");
    private final ThrottledLog failures = new ThrottledLog("'Main API check failed'");

    TokenCheck(MainApi mainApi, PositiveAnswers answers, Instance<DevTokens> devTokens) {
        this.mainApi = mainApi;
        this.answers = answers;
        // No bean in prod builds: see DevTokens.
        this.devTokens = devTokens.isResolvable() ? devTokens.get() : null;
    }

    /** Completes when the token belongs to the user; fails with 401 or 503 otherwise. */
    public Uni<Void> verify(long userId, BearerToken token) {
        if (answers.tokenValid(userId, token)) {
            return Uni.createFrom().voidItem();
        }
        return verifyNow(userId, token);
    }

    /** Like {@link #verify}, but always asks the main API (a recently valid token may have been revoked). */
    public Uni<Void> verifyNow(long userId, BearerToken token) {
        if (devTokens != null && devTokens.accepts(userId, token)) {
            return Uni.createFrom().voidItem();
        }
        if (answers.tokenRefused(userId, token)) {
            return Uni.createFrom().failure(refused(userId)); // refused a moment ago: not worth another call
        }
        return mainApi.tokenBelongsTo(userId, token)
                .onFailure().transform(failure -> unavailable("token check", userId, failure))
                .map(valid -> {
                    if (valid) {
                        answers.rememberToken(userId, token);
                    } else {
                        answers.rememberRefusal(userId, token);
                        refusals.info("Token refused for user %d", userId);
                        throw refused(userId);
                    }
                    return null;
                });
    }

    private static ApiException refused(long userId) {
        return new ApiException(ErrorCode.INVALID_TOKEN, "The token is not valid for user " + userId);
    }

    /** Completes when the two users are friends; fails with 403 or 503 otherwise. */
    public Uni<Void> verifyFriendship(long userId, long friendId, BearerToken token) {
        if ((devTokens != null && devTokens.accepts(userId, token)) || answers.friends(userId, friendId)) {
            return Uni.createFrom().voidItem();
        }
        return mainApi.areFriends(userId, friendId, token)
                .onFailure().transform(failure -> unavailable("friendship check", userId, failure))
                .map(friends -> {
                    if (friends) {
                        answers.rememberFriends(userId, friendId);
                    } else {
                        throw new ApiException(ErrorCode.NOT_FRIENDS, "User " + friendId + " is not a friend of user " + userId);
                    }
                    return null;
                });
    }

    /**
     * Both checks at once, to pay one main API round trip instead of two. The token's verdict wins: a
     * bad token is a 401 even when the friendship check also failed.
     */
    public Uni<Void> verifyWithFriendship(long userId, long friendId, BearerToken token) {
        return Uni.combine().all()
                .unis(outcome(verify(userId, token)), outcome(verifyFriendship(userId, friendId, token)))
                .with((tokenFailure, friendshipFailure) -> {
                    Throwable failure = tokenFailure.orElse(friendshipFailure.orElse(null));
                    if (failure instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (failure != null) {
                        throw unavailable("checks", userId, failure); // fail closed, whatever it was
                    }
                    return null;
                });
    }

    private static Uni<Optional<Throwable>> outcome(Uni<Void> check) {
        return check.map(ok -> Optional.<Throwable>empty()).onFailure().recoverWithItem(Optional::of);
    }

    private ApiException unavailable(String what, long userId, Throwable failure) {
        // Throttled: with the breaker open, every request fails here at once, and a flood would fill the disk.
        failures.warn("Main API %s failed for user %d: %s", what, userId, failure.toString());
        return new ApiException(ErrorCode.MAIN_API_UNAVAILABLE, "The main API cannot check this request now; retry later");
    }
}
