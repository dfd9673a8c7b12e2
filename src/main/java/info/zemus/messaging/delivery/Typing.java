package info.zemus.messaging.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.TypingConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code {"type":"typing","to":F,"state":"start"|"stop"}} from a device: passed on at once to F's open devices, on
 * every node, as {@code {"type":"typing","from":..,"state":..,"expiresIn":..}}. Only to friends (the send's check and
 * cache); at most one frame of each state per pair per {@code zemus.typing.min-interval}, the rest dropped silently.
 * An event, not a message: nothing is stored, replayed or pushed.
 */
@ApplicationScoped
public class Typing {

    /** Pairs bounded by the active ones: one entry per pair and state for one interval. */
    private static final int MAX_PAIRS = 1_000_000;

    private final TokenCheck tokenCheck;
    private final BrokerInbox inbox;
    private final Broker broker;
    private final Cache<String, Boolean> recent;

    public Typing(TokenCheck tokenCheck, BrokerInbox inbox, Broker broker, TypingConfig config) {
        this.tokenCheck = tokenCheck;
        this.inbox = inbox;
        this.broker = broker;
        this.recent = Caffeine.newBuilder().expireAfterWrite(config.minInterval()).maximumSize(MAX_PAIRS).build();
    }

    /** The client frame; a refusal is an {@link ApiException} for the caller to answer. */
    Uni<Void> handle(DeviceSession session, JsonNode frame) {
        JsonNode to = frame.get("to");
        if (to == null || !to.isIntegralNumber() || !to.canConvertToLong() || to.longValue() <= 0) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_ID, "'to' must be a positive integer user id"));
        }
        JsonNode state = frame.get("state");
        if (state != null && !(state.isTextual() && (state.textValue().equals("start") || state.textValue().equals("stop")))) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_FRAME, "'state' is \"start\" or \"stop\""));
        }
        long recipient = to.longValue();
        if (recipient == session.userId()) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.SELF_MESSAGE, "A user does not type to themselves"));
        }
        boolean typing = state == null || state.textValue().equals("start");
        TypingEvent event = new TypingEvent(session.userId(), recipient, typing);
        // The interval first: the frames of a flood are dropped before they cost a check (and a main API call).
        if (recent.asMap().putIfAbsent(event.from() + ">" + event.to() + (event.typing() ? "+" : "-"), true) != null) {
            return Uni.createFrom().voidItem(); // one of this state went through less than an interval ago
        }
        return tokenCheck.verifyWithFriendship(session.userId(), recipient, session.token())
                .invoke(() -> passOn(event));
    }

    private void passOn(TypingEvent event) {
        if (broker.spansNodes()) {
            broker.typing(event); // every node, this one included, hands it to the recipient's devices (BrokerInbox)
            return;
        }
        inbox.typing(event);
    }
}
