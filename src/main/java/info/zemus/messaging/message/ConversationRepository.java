package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.database.DatabaseFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's conversations, read from the {@code conversations} rows that the storing statement keeps
 * (MessageRepository.STORE) and reads lower (ReceiptRepository): the user's rows through the primary key, the
 * newest kept by a top-N sort, then one primary-key lookup in {@code messages} per entry, whatever its size.
 */
@ApplicationScoped
public class ConversationRepository {

    // The page is cut first, then joined: $3 lookups in messages, not one per conversation of the user.
    private static final String NEWEST_BEFORE = """
            SELECT c.friend_id, c.unread, m.id, m.user_sender_id, m.user_receiver_id, m.content, m.sent_at,
                   m.delivered_at, m.read_at
            FROM (SELECT friend_id, unread, last_message_id FROM conversations
                  WHERE user_id = $1 AND last_message_id < $2
                  ORDER BY last_message_id DESC LIMIT $3) c
            JOIN messages m ON m.id = c.last_message_id
            ORDER BY c.last_message_id DESC""";

    /** One conversation: the friend, the newest message either way, and how many of the friend's are unread. */
    public record Conversation(long friendId, Message lastMessage, int unread) {
    }

    private final Pool pool;
    private final Duration timeout;

    public ConversationRepository(Pool pool, MessagesConfig config) {
        this.pool = pool;
        this.timeout = config.storeTimeout();
    }

    /** Up to {@code limit} conversations whose newest message has an id below {@code before}, newest first. */
    public Uni<List<Conversation>> newestBefore(long userId, long before, int limit) {
        return pool.preparedQuery(NEWEST_BEFORE).execute(Tuple.of(userId, before, limit))
                .ifNoItem().after(timeout).fail()
                .map(rows -> {
                    List<Conversation> conversations = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        Message last = new Message(row.getLong("id"), row.getLong("user_sender_id"),
                                row.getLong("user_receiver_id"), row.getString("content"),
                                row.getOffsetDateTime("sent_at").toInstant(), instant(row, "delivered_at"),
                                instant(row, "read_at"));
                        conversations.add(new Conversation(row.getLong("friend_id"), last, row.getInteger("unread")));
                    }
                    return conversations;
                })
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Reading conversations of " + userId, failure));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
