package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Messages in PostgreSQL, through the reactive pool. Every failure becomes a 503 for the caller. */
@ApplicationScoped
public class MessageRepository {

    private static final String COLUMNS = "id, user_sender_id, user_receiver_id, content, sent_at, delivered_at, read_at";

    // ON CONFLICT makes a retried key a no-op even when both requests race: the second waits for the
    // first to commit on the unique index, then inserts nothing and finds the row with FIND_BY_KEY.
    private static final String INSERT = """
            INSERT INTO messages (user_sender_id, user_receiver_id, content, idempotency_key)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_sender_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id, sent_at""";

    private static final String FIND_BY_KEY = "SELECT " + COLUMNS
            + " FROM messages WHERE user_sender_id = $1 AND idempotency_key = $2";

    // Two backward index range scans on messages_conversation_idx, merged.
    private static final String CONVERSATION_BEFORE = """
            (SELECT %1$s FROM messages WHERE user_sender_id = $1 AND user_receiver_id = $2 AND id < $3
             ORDER BY id DESC LIMIT $4)
            UNION ALL
            (SELECT %1$s FROM messages WHERE user_sender_id = $2 AND user_receiver_id = $1 AND id < $3
             ORDER BY id DESC LIMIT $4)
            ORDER BY id DESC LIMIT $4""".formatted(COLUMNS);

    // Two backward index range scans (messages_receiver_idx, messages_sender_idx), merged.
    private static final String NEWEST_INVOLVING_AFTER = """
            (SELECT %1$s FROM messages WHERE user_receiver_id = $1 AND id > $2 ORDER BY id DESC LIMIT $3)
            UNION ALL
            (SELECT %1$s FROM messages WHERE user_sender_id = $1 AND id > $2 ORDER BY id DESC LIMIT $3)
            ORDER BY id DESC LIMIT $3""".formatted(COLUMNS);

    private final Pool pool;
    private final Duration timeout;

    public MessageRepository(Pool pool, MessagesConfig config) {
        this.pool = pool;
        this.timeout = config.storeTimeout();
    }

    /** What an insert found: the stored message, and whether this call stored it. */
    public record Stored(Message message, boolean created) {
    }

    /**
     * Stores one message, or, when {@code key} was already used by this sender, returns the message
     * stored then ({@code created} false).
     */
    public Uni<Stored> insert(long senderId, long receiverId, String content, String key) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(senderId, receiverId, content, key))
                .chain(rows -> {
                    if (rows.rowCount() == 1) {
                        Row row = rows.iterator().next();
                        return Uni.createFrom().item(new Stored(new Message(row.getLong("id"), senderId, receiverId,
                                content, row.getOffsetDateTime("sent_at").toInstant()), true));
                    }
                    return pool.preparedQuery(FIND_BY_KEY).execute(Tuple.of(senderId, key))
                            .map(found -> new Stored(toMessages(found).get(0), false));
                })
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> unavailable("Storing a message from " + senderId, failure));
    }

    /** Up to {@code limit} messages between two users with an id below {@code before}, newest first. */
    public Uni<List<Message>> conversationBefore(long userId, long friendId, long before, int limit) {
        return pool.preparedQuery(CONVERSATION_BEFORE)
                .execute(Tuple.of(userId, friendId, before, limit))
                .ifNoItem().after(timeout).fail()
                .map(MessageRepository::toMessages)
                .onFailure().transform(failure -> unavailable("Reading history of " + userId, failure));
    }

    /** The newest {@code limit} messages sent or received by a user with an id above {@code after}, newest first. */
    public Uni<List<Message>> newestInvolvingAfter(long userId, long after, int limit) {
        return pool.preparedQuery(NEWEST_INVOLVING_AFTER)
                .execute(Tuple.of(userId, after, limit))
                .ifNoItem().after(timeout).fail()
                .map(MessageRepository::toMessages)
                .onFailure().transform(failure -> unavailable("Reading messages of " + userId, failure));
    }

    private static List<Message> toMessages(RowSet<Row> rows) {
        List<Message> messages = new ArrayList<>(rows.size());
        for (Row row : rows) {
            messages.add(new Message(row.getLong("id"), row.getLong("user_sender_id"), row.getLong("user_receiver_id"),
                    row.getString("content"), row.getOffsetDateTime("sent_at").toInstant(),
                    instant(row, "delivered_at"), instant(row, "read_at")));
        }
        return messages;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static Throwable unavailable(String what, Throwable failure) {
        if (failure instanceof ApiException) {
            return failure;
        }
        Log.errorf("%s failed: %s", what, failure.toString());
        return new ApiException(ErrorCode.DATABASE_UNAVAILABLE, "The database cannot be reached; retry later");
    }
}
