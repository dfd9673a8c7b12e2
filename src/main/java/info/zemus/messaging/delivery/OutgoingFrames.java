package info.zemus.messaging.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.message.Delivery;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.SentMessage;
import info.zemus.messaging.message.UnreadCounts;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON frames the server sends (docs/PROTOCOL.md); each has a {@code type} so that clients can
 * ignore the ones they do not know.
 * <p>
 * The records are written by our own {@link ObjectMapper} call, which Quarkus cannot see: a native image keeps
 * their accessors only because they are registered here (FramesTest checks that every record is).
 */
@ApplicationScoped
@RegisterForReflection(targets = {OutgoingFrames.MessageFrame.class, OutgoingFrames.ReceiptFrame.class, OutgoingFrames.ReadyFrame.class,
        OutgoingFrames.AckFrame.class, OutgoingFrames.ErrorFrame.class, OutgoingFrames.TruncatedFrame.class, OutgoingFrames.RecoveredFrame.class,
        OutgoingFrames.UnreadFrame.class, OutgoingFrames.TypingFrame.class, OutgoingFrames.PresenceFrame.class, SentMessage.class, Delivery.class})
public class OutgoingFrames {

    /**
     * A stored message, for its recipient and for the sender's devices; replays carry its receipts. Live, the
     * recipient's devices also get the recipient's counts right after it: {@code unread} from this sender and
     * {@code total} (the sender's devices never do: they are the recipient's).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageFrame(String type, long id, long senderId, long receiverId, String content, Instant sentAt,
                               Instant deliveredAt, Instant readAt, Integer unread, Integer total) {
    }

    /** Some messages of the sender were delivered to, or read by, their recipient. */
    public record ReceiptFrame(String type, String status, long by, List<Long> ids, Instant at) {
    }

    /** A friend started or stopped typing to this user; the indicator goes away by itself after expiresIn seconds. */
    public record TypingFrame(String type, long from, String state, long expiresIn) {
    }

    /**
     * What is left unread from one friend and in all: sent to all the user's devices after one of them read up to a
     * message; the answer to a client's {@code unread} frame has the total only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnreadFrame(String type, Long friendId, Integer unread, Integer total) {
    }

    /** Sent once the connection is registered: from then on, no message for this user is missed. */
    /** A watched friend's presence: {@code online}, or {@code offline} since {@code lastSeen} (absent: never seen). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PresenceFrame(String type, long userId, String state, Instant lastSeen) {
    }

    public record ReadyFrame(String type, long userId, String connectionId) {
    }

    /** The answer to a client's send: the stored message with its delivery. */
    public record AckFrame(String type, String key, SentMessage message) {
    }

    /** The refusal of a client frame, with the same codes as HTTP. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorFrame(String type, String key, String code, int status, String detail, Long retryAfter) {
    }

    /** More messages than the replay limit were missed: those with {@code since < id < before} were not replayed. */
    public record TruncatedFrame(String type, long since, long before) {
    }

    /** The end of a replay: live delivery follows. */
    public record RecoveredFrame(String type, long since, int count) {
    }

    private final ObjectMapper mapper;

    public OutgoingFrames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String message(Message m) {
        return write(new MessageFrame("message", m.id(), m.senderId(), m.receiverId(), m.content(), m.sentAt(),
                m.deliveredAt(), m.readAt(), null, null));
    }

    /** The message for its recipient's devices, with the recipient's counts right after it (when known). */
    public String messageToRecipient(Message m, UnreadCounts counts) {
        if (counts == null) {
            return message(m);
        }
        return write(new MessageFrame("message", m.id(), m.senderId(), m.receiverId(), m.content(), m.sentAt(),
                m.deliveredAt(), m.readAt(), counts.unread(), counts.total()));
    }

    public String ready(long userId, String connectionId) {
        return write(new ReadyFrame("ready", userId, connectionId));
    }

    public String ack(String key, SentMessage message) {
        return write(new AckFrame("ack", key, message));
    }

    public String error(String key, ErrorCode code, String detail) {
        return error(key, code, detail, null);
    }

    /** An error that says when to retry (seconds), like HTTP's {@code Retry-After}. */
    public String error(String key, ErrorCode code, String detail, Long retryAfter) {
        return write(new ErrorFrame("error", key, code.code(), code.status(), detail, retryAfter));
    }

    public String receipt(String status, long by, List<Long> ids, Instant at) {
        return write(new ReceiptFrame("receipt", status, by, ids, at));
    }

    public String typing(long from, boolean typing, long expiresInSeconds) {
        return write(new TypingFrame("typing", from, typing ? "start" : "stop", expiresInSeconds));
    }

    /** What is left unread from one friend and in all, after a device of the user read up to a message. */
    public String unread(long friendId, int unread, Integer total) {
        return write(new UnreadFrame("unread", friendId, unread, total));
    }

    public String presence(PresenceEvent event) {
        return write(new PresenceFrame("presence", event.userId(), event.online() ? "online" : "offline",
                event.online() ? null : event.lastSeen()));
    }

    /** The user's unread total, asked for by a device. */
    public String unreadTotal(int total) {
        return write(new UnreadFrame("unread", null, null, total));
    }

    public String truncated(long since, long before) {
        return write(new TruncatedFrame("truncated", since, before));
    }

    public String recovered(long since, int count) {
        return write(new RecoveredFrame("recovered", since, count));
    }

    /**
     * A frame that cannot be written is a bug of ours (in a native image: a type not registered above), never the
     * client's: it is logged at ERROR with the frame's class, then thrown to the caller.
     */
    private String write(Object frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            Log.errorf(e, "Frame %s could not be serialized", frame.getClass().getName());
            throw new UncheckedIOException(e);
        }
    }
}
