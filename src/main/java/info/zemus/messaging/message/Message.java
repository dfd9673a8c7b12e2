package info.zemus.messaging.message;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A stored message. {@code deliveredAt} and {@code readAt} are its receipts, set by the recipient's
 * devices; absent until then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(long id, long senderId, long receiverId, String content, Instant sentAt,
                      Instant deliveredAt, Instant readAt) {

    /** A message just stored: no receipt yet. */
    public Message(long id, long senderId, long receiverId, String content, Instant sentAt) {
        this(id, senderId, receiverId, content, sentAt, null, null);
    }
}
