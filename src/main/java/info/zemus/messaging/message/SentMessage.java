package info.zemus.messaging.message;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The answer to a send: the stored message, and, when this very call stored it, what delivery did
 * ({@code delivery} is absent on the replay of an idempotent retry, which delivers nothing).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SentMessage(long id, long senderId, long receiverId, String content, Instant sentAt, Delivery delivery) {

    static SentMessage of(Message m, Delivery delivery) {
        return new SentMessage(m.id(), m.senderId(), m.receiverId(), m.content(), m.sentAt(), delivery);
    }
}
