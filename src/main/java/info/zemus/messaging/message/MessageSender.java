package info.zemus.messaging.message;

import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.MainApiConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.lifecycle.Drain;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One send, whichever way it came (REST or WebSocket): authorize, store, deliver. The caller has
 * already validated the ids and the text.
 */
@ApplicationScoped
public class MessageSender {

    /** A send's result: the message, whether this call stored it, and its delivery (null on replay). */
    public record Outcome(SentMessage message, boolean created) {
    }

    private final TokenCheck tokenCheck;
    private final MessageWriter writer;
    private final Deliverer deliverer;
    private final UserRateLimits rateLimiter;
    private final Drain drain;
    private final MessageMetrics metrics;
    private final boolean checkFriendship;

    public MessageSender(TokenCheck tokenCheck, MessageWriter writer, Deliverer deliverer,
                         UserRateLimits rateLimiter, Drain drain, MessageMetrics metrics, MainApiConfig mainApi) {
        this.drain = drain;
        this.metrics = metrics;
        this.tokenCheck = tokenCheck;
        this.writer = writer;
        this.deliverer = deliverer;
        this.rateLimiter = rateLimiter;
        this.checkFriendship = mainApi.checkFriendship();
    }

    public Uni<Outcome> send(long senderId, long receiverId, String content, String key, BearerToken token) {
        try {
            drain.started();
        } catch (ApiException refused) {
            return Uni.createFrom().failure(refused);
        }
        long started = System.nanoTime();
        return authorizeStoreDeliver(senderId, receiverId, content, key, token, started)
                .onTermination().invoke(drain::finished);
    }

    private Uni<Outcome> authorizeStoreDeliver(long senderId, long receiverId, String content, String key,
                                               BearerToken token, long started) {
        if (senderId == receiverId) {
            return Uni.createFrom().failure(
                    new ApiException(ErrorCode.SELF_MESSAGE, "A user cannot send a message to themselves"));
        }
        Uni<Void> allowed = checkFriendship
                ? tokenCheck.verifyWithFriendship(senderId, receiverId, token)
                : tokenCheck.verify(senderId, token);
        return allowed
                .invoke(() -> rateLimiter.acquire(Budget.SEND, senderId)) // after auth: a forger cannot drain someone's bucket
                .chain(() -> writer.store(senderId, receiverId, content, key))
                .map(stored -> {
                    Message message = stored.message();
                    if (!stored.created()) {
                        if (message.receiverId() != receiverId || !message.content().equals(content)) {
                            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                    "This idempotency key was used for another message");
                        }
                        if (message.deliveredAt() != null) {
                            Log.debugf("Message %d replayed for a retry from %d", message.id(), senderId);
                            return new Outcome(SentMessage.of(message, null), false);
                        }
                        // A sender retries when it got no success answer: the first send may have been stored
                        // and never delivered (its answer lost, its node gone). Delivered again, as a first send
                        // would be; devices that have it already drop the id.
                        Log.debugf("Message %d delivered again for a retry from %d", message.id(), senderId);
                        return new Outcome(SentMessage.of(message, deliverer.deliver(message, null)), false);
                    }
                    Log.debugf("Message %d stored from %d to %d", message.id(), senderId, receiverId);
                    metrics.accepted();
                    Delivery delivery = deliverer.deliver(message, stored.unread());
                    metrics.sendToDeliver(started);
                    return new Outcome(SentMessage.of(message, delivery), true);
                });
    }
}
