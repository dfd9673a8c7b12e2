package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.database.DatabaseFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivered and read receipts. Only the recipient can set them (the WHERE clauses say so), each at most
 * once: a receipt repeated by a second device changes nothing and notifies nobody.
 */
@ApplicationScoped
public class ReceiptRepository {

    private static final String DELIVERED = """
            UPDATE messages SET delivered_at = now()
            WHERE id = ANY($1) AND user_receiver_id = $2 AND delivered_at IS NULL
            RETURNING id, user_sender_id, delivered_at AS at""";

    // Reading implies delivery; upTo covers everything the reader saw in that conversation. The reader's unread
    // count of that conversation drops by the messages this statement marked: a decrement, so that it commutes
    // with the increments of messages stored meanwhile (a recount could miss one committed in between).
    private static final String READ = """
            WITH marked AS (
            UPDATE messages SET read_at = now(), delivered_at = coalesce(delivered_at, now())
            WHERE user_receiver_id = $1 AND user_sender_id = $2 AND id <= $3 AND read_at IS NULL
            RETURNING id, user_sender_id, read_at AS at),
            unread_dropped AS (
            UPDATE conversations SET unread = greatest(unread - (SELECT count(*) FROM marked), 0)
            WHERE user_id = $1 AND friend_id = $2 AND EXISTS (SELECT 1 FROM marked)
            RETURNING unread),
            total_dropped AS (
            UPDATE unread_totals SET total = greatest(total - (SELECT count(*) FROM marked), 0)
            WHERE user_id = $1 AND EXISTS (SELECT 1 FROM marked)
            RETURNING total)
            SELECT id, user_sender_id, at, NULL::integer AS unread, NULL::integer AS total FROM marked
            UNION ALL
            SELECT NULL, NULL, NULL, coalesce((SELECT unread FROM unread_dropped),
                (SELECT unread FROM conversations WHERE user_id = $1 AND friend_id = $2), 0),
                coalesce((SELECT total FROM total_dropped), (SELECT total FROM unread_totals WHERE user_id = $1), 0)""";

    private static final String TOTAL = "SELECT total FROM unread_totals WHERE user_id = $1";

    // The receipts of the user's own recent messages up to a cursor: one backward scan of messages_sender_idx.
    private static final String SENT_UP_TO = """
            SELECT id, user_receiver_id, delivered_at, read_at FROM messages
            WHERE user_sender_id = $1 AND id <= $2
            ORDER BY id DESC LIMIT $3""";

    /** The receipt state of one message the user sent. */
    public record State(long messageId, long receiverId, Instant deliveredAt, Instant readAt) {
    }

    /** One message whose receipt was just recorded. */
    public record Receipt(long messageId, long senderId, Instant at) {
    }

    /** What a read recorded: the messages it marked, what is left unread from that sender, and in all. */
    public record Reads(List<Receipt> marked, int unread, int total) {
    }

    private final Pool pool;
    private final Duration timeout;

    public ReceiptRepository(Pool pool, MessagesConfig config) {
        this.pool = pool;
        this.timeout = config.storeTimeout(); // as for messages: a stuck database answers 503, not never
    }

    public Uni<List<Receipt>> markDelivered(long recipientId, List<Long> ids) {
        return pool.preparedQuery(DELIVERED).execute(Tuple.of(ids.toArray(Long[]::new), recipientId))
                .ifNoItem().after(timeout).fail()
                .map(ReceiptRepository::toReceipts)
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Recording delivery by " + recipientId, failure));
    }

    public Uni<Reads> markRead(long recipientId, long senderId, long upTo) {
        return pool.preparedQuery(READ).execute(Tuple.of(recipientId, senderId, upTo))
                .ifNoItem().after(timeout).fail()
                .map(rows -> {
                    // The marked messages, and one last row with what is left unread (the same statement's snapshot
                    // shows the conversation row as it was, so the decremented value comes from unread_dropped).
                    List<Receipt> marked = new ArrayList<>(rows.size());
                    int unread = 0;
                    int total = 0;
                    for (Row row : rows) {
                        if (row.getLong("id") == null) {
                            unread = row.getInteger("unread");
                            total = row.getInteger("total");
                        } else {
                            marked.add(new Receipt(row.getLong("id"), row.getLong("user_sender_id"),
                                    row.getOffsetDateTime("at").toInstant()));
                        }
                    }
                    return new Reads(marked, unread, total);
                })
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Recording reads by " + recipientId, failure));
    }

    /** The user's unread total: the friends' messages they have not read, in all conversations. */
    public Uni<Integer> unreadTotal(long userId) {
        return pool.preparedQuery(TOTAL).execute(Tuple.of(userId))
                .ifNoItem().after(timeout).fail()
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("total"))
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Reading the unread total of " + userId, failure));
    }

    /** Receipt states of the newest {@code limit} messages a user sent with an id up to {@code upTo}. */
    public Uni<List<State>> sentUpTo(long senderId, long upTo, int limit) {
        return pool.preparedQuery(SENT_UP_TO).execute(Tuple.of(senderId, upTo, limit))
                .ifNoItem().after(timeout).fail()
                .map(rows -> {
                    List<State> states = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        states.add(new State(row.getLong("id"), row.getLong("user_receiver_id"),
                                instant(row.getOffsetDateTime("delivered_at")), instant(row.getOffsetDateTime("read_at"))));
                    }
                    return states;
                })
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Reading receipts of " + senderId, failure));
    }

    private static Instant instant(java.time.OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static List<Receipt> toReceipts(RowSet<Row> rows) {
        List<Receipt> receipts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            receipts.add(new Receipt(row.getLong("id"), row.getLong("user_sender_id"),
                    row.getOffsetDateTime("at").toInstant()));
        }
        return receipts;
    }
}
