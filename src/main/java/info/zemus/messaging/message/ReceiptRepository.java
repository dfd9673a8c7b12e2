package info.zemus.messaging.message;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

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

    // Reading implies delivery; upTo covers everything the reader saw in that conversation.
    private static final String READ = """
            UPDATE messages SET read_at = now(), delivered_at = coalesce(delivered_at, now())
            WHERE user_receiver_id = $1 AND user_sender_id = $2 AND id <= $3 AND read_at IS NULL
            RETURNING id, user_sender_id, read_at AS at""";

    /** One message whose receipt was just recorded. */
    public record Receipt(long messageId, long senderId, Instant at) {
    }

    private final Pool pool;

    public ReceiptRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Receipt>> markDelivered(long recipientId, List<Long> ids) {
        return pool.preparedQuery(DELIVERED).execute(Tuple.of(ids.toArray(Long[]::new), recipientId))
                .map(ReceiptRepository::toReceipts)
                .onFailure().transform(failure -> MessageRepository.unavailable("Recording delivery by " + recipientId, failure));
    }

    public Uni<List<Receipt>> markRead(long recipientId, long senderId, long upTo) {
        return pool.preparedQuery(READ).execute(Tuple.of(recipientId, senderId, upTo))
                .map(ReceiptRepository::toReceipts)
                .onFailure().transform(failure -> MessageRepository.unavailable("Recording reads by " + recipientId, failure));
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
