package info.zemus.messaging.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.config.FixedLimits;
import info.zemus.messaging.config.WebSocketConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import info.zemus.messaging.message.IdempotencyKeys;
import info.zemus.messaging.message.MessageMetrics;
import info.zemus.messaging.message.MessageMetrics.Transport;
import info.zemus.messaging.message.MessageSender;
import info.zemus.messaging.message.MessageText;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a device may send over its socket. A {@code send} frame goes through the same validation,
 * authorization, storage and delivery as the REST send and is answered by an {@code ack} or an
 * {@code error} with the same codes. A malformed frame is answered too, never dropped; past
 * {@code zemus.ws.max-invalid-frames} of them the connection is closed with 4004.
 */
@ApplicationScoped
public class IncomingFrames {

    private final ObjectMapper mapper;
    private final MessageText text;
    private final MessageSender sender;
    private final OutgoingFrames frames;
    private final ReceiptRelay receipts;
    private final MessageMetrics metrics;
    private final int maxInvalidFrames;
    private final UserRateLimits limits;
    private final Typing typing;
    private final Presence presence;

    public IncomingFrames(ObjectMapper mapper, MessageText text, MessageSender sender, OutgoingFrames frames,
                        ReceiptRelay receipts, MessageMetrics metrics, WebSocketConfig config, UserRateLimits limits,
                        Typing typing, Presence presence) {
        this.typing = typing;
        this.presence = presence;
        this.limits = limits;
        this.metrics = metrics;
        this.mapper = mapper;
        this.text = text;
        this.sender = sender;
        this.frames = frames;
        this.receipts = receipts;
        this.maxInvalidFrames = config.maxInvalidFrames();
    }

    public Uni<Void> handle(DeviceSession session, String raw) {
        JsonNode frame;
        try {
            frame = mapper.readTree(raw);
        } catch (IOException e) {
            return malformed(session, null, "The frame is not JSON");
        }
        if (frame == null || !frame.isObject()) {
            return malformed(session, null, "The frame must be a JSON object with a 'type'");
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isTextual()) {
            return malformed(session, null, "The frame has no 'type'");
        }
        return switch (type.textValue()) {
            case "send" -> send(session, frame);
            case "delivered" -> delivered(session, frame);
            case "read" -> read(session, frame);
            case "unread" -> receipts.unreadTotal(session.userId())
                    .invoke(total -> session.write(frames.unreadTotal(total))).replaceWithVoid()
                    .onFailure().recoverWithItem(failure -> {
                        session.write(frames.error(null, ErrorCode.DATABASE_UNAVAILABLE, "The total cannot be read now; retry later"));
                        return null;
                    });
            case "typing" -> typing.handle(session, frame).onFailure().recoverWithUni(failure -> refused(session, failure));
            case "presence" -> presence.watch(session, frame).onFailure().recoverWithUni(failure -> refused(session, failure));
            default -> malformed(session, null, "Unknown frame type");
        };
    }

    /** An event frame's refusal: an {@code error} frame; a malformed one counts as such. */
    private Uni<Void> refused(DeviceSession session, Throwable failure) {
        if (failure instanceof ApiException e && e.code() == ErrorCode.INVALID_FRAME) {
            return malformed(session, null, e.detail());
        }
        if (failure instanceof ApiException e) {
            session.write(frames.error(null, e.code(), e.detail(), e.retryAfterSeconds()));
        } else {
            Log.errorf(failure, "A frame of user %d failed", session.userId());
            session.write(frames.error(null, ErrorCode.INTERNAL_ERROR, "The server failed to handle this frame"));
        }
        return Uni.createFrom().voidItem();
    }

    /** Frames are JSON text: a binary frame is malformed. */
    public Uni<Void> refuseBinary(DeviceSession session) {
        return malformed(session, null, "Frames are JSON text; binary frames are not accepted");
    }

    private Uni<Void> send(DeviceSession session, JsonNode frame) {
        JsonNode keyNode = frame.get("key");
        if (keyNode == null || !keyNode.isTextual()) {
            metrics.rejected(Transport.WEBSOCKET, ErrorCode.INVALID_FRAME);
            return malformed(session, null, "A send frame needs a string 'key' (its idempotency key)");
        }
        String key = keyNode.textValue();
        long to;
        String content;
        try {
            IdempotencyKeys.validate(key);
            to = recipient(frame.get("to"));
            JsonNode message = frame.get("message");
            if (message == null || !message.isTextual()) {
                throw new ApiException(ErrorCode.INVALID_BODY, "The field 'message' must be a string");
            }
            content = text.validate(message.textValue());
        } catch (ApiException e) {
            metrics.rejected(Transport.WEBSOCKET, e.code());
            session.write(frames.error(key, e.code(), e.detail()));
            return Uni.createFrom().voidItem();
        }
        return sender.send(session.userId(), to, content, key, session.token())
                .map(outcome -> frames.ack(key, outcome.message()))
                .onFailure().recoverWithItem(failure -> refusedSend(key, failure))
                .invoke(session::write)
                .replaceWithVoid();
    }

    private String refusedSend(String key, Throwable failure) {
        if (failure instanceof ApiException e) {
            metrics.rejected(Transport.WEBSOCKET, e.code());
            return frames.error(key, e.code(), e.detail(), e.retryAfterSeconds());
        }
        metrics.rejected(Transport.WEBSOCKET, ErrorCode.INTERNAL_ERROR);
        return frames.error(key, ErrorCode.INTERNAL_ERROR, "The server failed to handle this frame");
    }

    private Uni<Void> delivered(DeviceSession session, JsonNode frame) {
        JsonNode idsNode = frame.get("ids");
        if (idsNode == null || !idsNode.isArray() || idsNode.isEmpty() || idsNode.size() > FixedLimits.RECEIPT_IDS_PER_FRAME) {
            return malformed(session, null, "A delivered frame needs 'ids': 1 to " + FixedLimits.RECEIPT_IDS_PER_FRAME + " message ids");
        }
        List<Long> ids = new ArrayList<>(idsNode.size());
        for (JsonNode id : idsNode) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
                return malformed(session, null, "Message ids are positive integers");
            }
            ids.add(id.longValue());
        }
        if (overReceiptBudget(session)) {
            return Uni.createFrom().voidItem();
        }
        return receipts.delivered(session.userId(), ids).onFailure().recoverWithItem(failure -> {
            session.write(frames.error(null, ErrorCode.DATABASE_UNAVAILABLE, "The receipt could not be recorded; retry later"));
            return null;
        });
    }

    private Uni<Void> read(DeviceSession session, JsonNode frame) {
        JsonNode friend = frame.get("friendId");
        JsonNode upTo = frame.get("upTo");
        if (!isPositive(friend) || !isPositive(upTo)) {
            return malformed(session, null, "A read frame needs positive integers 'friendId' and 'upTo'");
        }
        if (overReceiptBudget(session)) {
            return Uni.createFrom().voidItem();
        }
        return receipts.read(session.userId(), friend.longValue(), upTo.longValue()).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    session.write(frames.error(null, ErrorCode.DATABASE_UNAVAILABLE, "The receipt could not be recorded; retry later"));
                    return null;
                });
    }

    /** True, with an error frame saying when to retry, when the user sent too many receipts. */
    private boolean overReceiptBudget(DeviceSession session) {
        try {
            limits.acquire(Budget.RECEIPT, session.userId());
            return false;
        } catch (ApiException e) {
            session.write(frames.error(null, e.code(), e.detail(), e.retryAfterSeconds()));
            return true;
        }
    }

    private static boolean isPositive(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0;
    }

    private static long recipient(JsonNode to) {
        if (to == null || !to.isIntegralNumber() || !to.canConvertToLong() || to.longValue() <= 0) {
            throw new ApiException(ErrorCode.INVALID_ID, "'to' must be a positive integer user id");
        }
        return to.longValue();
    }

    private Uni<Void> malformed(DeviceSession session, String key, String detail) {
        session.write(frames.error(key, ErrorCode.INVALID_FRAME, detail));
        if (session.tooManyInvalidFrames(maxInvalidFrames)) {
            Log.infof("Connection %s of user %d closed: too many malformed frames", session.connection().id(),
                    session.userId());
            return session.connection().close(Disconnect.TOO_MANY_INVALID_FRAMES.closeReason());
        }
        return Uni.createFrom().voidItem();
    }
}
