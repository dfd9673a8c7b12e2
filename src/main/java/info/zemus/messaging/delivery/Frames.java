package info.zemus.messaging.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.message.Message;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;

/** The JSON frames the server sends; each has a {@code type} so clients can ignore unknown ones. */
@ApplicationScoped
public class Frames {

    /** A stored message, for its recipient and for the sender's devices. */
    public record MessageFrame(String type, long id, long senderId, long receiverId, String content, Instant sentAt) {
    }

    /** Sent once the connection is registered: from then on, no message for this user is missed. */
    public record ReadyFrame(String type, long userId, String connectionId) {
    }

    private final ObjectMapper mapper;

    public Frames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String message(Message m) {
        return write(new MessageFrame("message", m.id(), m.senderId(), m.receiverId(), m.content(), m.sentAt()));
    }

    public String ready(long userId, String connectionId) {
        return write(new ReadyFrame("ready", userId, connectionId));
    }

    private String write(Object frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
