package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.database.DatabaseFailures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** Messages in PostgreSQL, through the reactive pool. Every failure becomes a 503 for the caller. */
@ApplicationScoped
public class MessageRepository {

    /**
     * The common table expressions that store a batch: {@code stored}, its rows, in input order so that sequence
     * ids follow it (keyed rows already stored are skipped); the two users' conversation rows (the newest message,
     * the recipient's unread count) and the recipient's unread total, in the same statement; then {@code arrivals},
     * the stored rows with the recipient's counts right after each ({@code unread} from this sender, {@code total}),
     * for the recipient's devices and push. {@code %s}: what the input is joined with (nothing on one node; with
     * several, the lock that orders commits: see BatchInsert). A statement built on it selects
     * {@link #STORED_COLUMNS} from {@code arrivals}.
     */
    public static final String STORE = """
            stored AS (
            INSERT INTO messages (user_sender_id, user_receiver_id, content, idempotency_key)
            SELECT sender, receiver, content, idempotency_key
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY
                 AS input(sender, receiver, content, idempotency_key, ord)%s
            ORDER BY ord
            ON CONFLICT (user_sender_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id, user_sender_id, user_receiver_id, content, idempotency_key, sent_at),
            conversation_changes AS (
            INSERT INTO conversations AS c (user_id, friend_id, last_message_id, unread)
            SELECT user_id, friend_id, max(id), sum(incoming)
            FROM (SELECT user_sender_id AS user_id, user_receiver_id AS friend_id, id, 0 AS incoming FROM stored
                  UNION ALL
                  SELECT user_receiver_id, user_sender_id, id, 1 FROM stored) AS sides
            GROUP BY user_id, friend_id
            ON CONFLICT (user_id, friend_id) DO UPDATE
            SET last_message_id = greatest(c.last_message_id, excluded.last_message_id),
                unread = c.unread + excluded.unread
            RETURNING user_id, friend_id, unread),
            total_changes AS (
            INSERT INTO unread_totals AS t (user_id, total)
            SELECT user_receiver_id, count(*) FROM stored GROUP BY user_receiver_id
            ON CONFLICT (user_id) DO UPDATE SET total = t.total + excluded.total
            RETURNING user_id, total),
            arrivals AS (
            -- The counts after the whole batch, less the same recipient's rows stored after this one in it.
            SELECT s.*, c.unread - count(*) OVER (PARTITION BY s.user_sender_id, s.user_receiver_id ORDER BY s.id DESC)
                            + 1 AS unread,
                   t.total - count(*) OVER (PARTITION BY s.user_receiver_id ORDER BY s.id DESC) + 1 AS total
            FROM stored s
            JOIN conversation_changes c ON c.user_id = s.user_receiver_id AND c.friend_id = s.user_sender_id
            JOIN total_changes t ON t.user_id = s.user_receiver_id
            -- In id order again (the windows sorted otherwise): the caller matches rows to sends in input order,
            -- and the postgres broker's NOTIFYs must follow ids.
            ORDER BY s.id)""";

    public static final String STORED_COLUMNS =
            "id, user_sender_id, user_receiver_id, content, idempotency_key, sent_at, unread, total";

    private static final String COLUMNS = "id, user_sender_id, user_receiver_id, content, sent_at, delivered_at, read_at";

    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM messages WHERE id = $1";

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

    /** How much longer than the database's own statement timeout an INSERT's answer is waited for. */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(1);

    private final Pool pool;
    private final Duration timeout;
    private final String insertBatch;
    private final List<Object> moreParameters;

    public MessageRepository(Pool pool, MessagesConfig config, BatchInsert batchInsert) {
        this.pool = pool;
        this.timeout = config.storeTimeout();
        this.insertBatch = batchInsert.sql();
        this.moreParameters = batchInsert.moreParameters();
    }

    /**
     * What an insert found: the stored message, whether this call stored it, and then the recipient's unread
     * counts right after it (null when it was stored before).
     */
    public record Stored(Message message, boolean created, UnreadCounts unread) {
    }

    /**
     * Stores a batch in one statement; the results are in the order of the batch. A keyed send whose key
     * was already used (earlier, or earlier in this batch) gets the stored message with {@code created} false.
     */
    Uni<List<Result>> insertBatch(SqlConnection connection, List<MessageWriter.Pending> batch, Long statementTimeout) {
        Long[] senders = new Long[batch.size()];
        Long[] receivers = new Long[batch.size()];
        String[] contents = new String[batch.size()];
        String[] keys = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            MessageWriter.Pending pending = batch.get(i);
            senders[i] = pending.senderId();
            receivers[i] = pending.receiverId();
            contents[i] = pending.content();
            keys[i] = pending.key();
        }
        List<Object> values = new ArrayList<>(List.of(senders, receivers, contents, keys));
        values.addAll(moreParameters);
        Tuple parameters = Tuple.tuple(values);
        Uni<RowSet<Row>> insert = connection.preparedQuery(insertBatch).execute(parameters);
        if (statementTimeout != null) {
            // Sent ahead of the INSERT on the same connection (pipelined): it bounds this INSERT and the next ones.
            // Only the INSERT's own outcome tells whether its rows are stored: a failed SET must not hide it.
            Uni<RowSet<Row>> set = connection.query("SET statement_timeout = " + statementTimeout).execute()
                    .onFailure().recoverWithNull();
            insert = Uni.combine().all().unis(set, insert).with((ignored, rows) -> rows);
        }
        long waitMillis = statementTimeout != null ? statementTimeout : timeout.toMillis();
        return insert
                .chain(rows -> match(batch, rows))
                // The database cancels the statement after its statement_timeout; this bound only catches a
                // database that stopped answering. The writer then ends the connection (MessageWriter).
                .ifNoItem().after(Duration.ofMillis(waitMillis).plus(CLIENT_GRACE)).fail()
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Storing " + batch.size() + " messages", failure));
    }

    /** The group commit's connection, and the server process behind it (to end it from another connection). */
    record WriterConnection(SqlConnection sql, int backendPid) {
    }

    /**
     * The connection the group commit writes through (see MessageWriter), from the pool. One that comes after
     * the caller gave up waiting goes back to the pool instead of being lost to it. Its statements time out in
     * the database itself after the store timeout, so that an INSERT held by a lock cannot commit long after
     * its callers were told 503.
     */
    Uni<WriterConnection> writerConnection() {
        return Uni.createFrom().<SqlConnection>emitter(caller -> {
                    AtomicBoolean settled = new AtomicBoolean(); // the connection came, or the caller gave up
                    caller.onTermination(() -> settled.set(true));
                    pool.getConnection().subscribe().with(connection -> {
                        if (settled.compareAndSet(false, true)) {
                            caller.complete(connection);
                        } else {
                            connection.close().subscribe().with(closed -> { }, failure -> { });
                        }
                    }, caller::fail);
                })
                .chain(connection -> connection.query("SET statement_timeout = " + Math.max(1, timeout.toMillis()))
                        .execute()
                        .replaceWith(new WriterConnection(connection, PgConnection.cast(connection).processId()))
                        // Not lost to the pool when the SET fails or the caller gave up meanwhile.
                        .onFailure().call(failure -> connection.close())
                        .onCancellation().call(connection::close))
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Opening the writer's connection", failure));
    }

    /**
     * Ends the server process of a writer connection that failed, from a pool connection, and waits until it is
     * gone: a statement still running there (blocked on a lock, or sent ahead behind it) is rolled back and can
     * no longer commit. Completes in any case (null when the database could not be asked): the caller then
     * answers its senders, and opens the next writer connection.
     */
    Uni<Void> endWriter(int backendPid) {
        Uni<Boolean> gone = pool.preparedQuery("SELECT count(*) = 0 AS gone FROM pg_stat_activity WHERE pid = $1")
                .execute(Tuple.of(backendPid))
                .map(rows -> rows.iterator().next().getBoolean("gone"));
        return pool.preparedQuery("SELECT pg_terminate_backend($1)").execute(Tuple.of(backendPid))
                .chain(() -> gone.onItem().transformToUni(ended -> ended ? Uni.createFrom().item(true)
                                : Uni.createFrom().<Boolean>failure(new IllegalStateException("still running")))
                        .onFailure().retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(100)).indefinitely())
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(failure -> Log.warnf("Ending the message writer's backend %d failed: %s", backendPid,
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The outcome of one send of a batch: stored, or failed on its own (the others may have succeeded). */
    record Result(Stored stored, Throwable failure) {
    }

    private Uni<List<Result>> match(List<MessageWriter.Pending> batch, RowSet<Row> rows) {
        Map<String, Message> insertedByKey = new HashMap<>();
        Map<Long, UnreadCounts> counts = new HashMap<>();
        ArrayDeque<Message> insertedWithoutKey = new ArrayDeque<>();
        for (Row row : rows) {
            Message message = new Message(row.getLong("id"), row.getLong("user_sender_id"),
                    row.getLong("user_receiver_id"), row.getString("content"), row.getOffsetDateTime("sent_at").toInstant());
            counts.put(message.id(), new UnreadCounts(row.getInteger("unread"), row.getInteger("total")));
            String key = row.getString("idempotency_key");
            if (key == null) {
                insertedWithoutKey.add(message);
            } else {
                insertedByKey.put(message.senderId() + "/" + key, message);
            }
        }
        List<Uni<Result>> results = new ArrayList<>(batch.size());
        Set<String> claimed = new HashSet<>();
        for (MessageWriter.Pending pending : batch) {
            if (pending.key() == null) {
                Message message = insertedWithoutKey.poll();
                if (message == null || message.senderId() != pending.senderId() || message.receiverId() != pending.receiverId()) {
                    return Uni.createFrom().failure(new IllegalStateException("batch insert results out of order"));
                }
                results.add(Uni.createFrom().item(new Result(new Stored(message, true, counts.get(message.id())), null)));
                continue;
            }
            String id = pending.senderId() + "/" + pending.key();
            Message inserted = insertedByKey.get(id);
            if (inserted != null) {
                // The first send of a key in the batch stored it; a racing duplicate in the same batch did not.
                boolean first = claimed.add(id);
                results.add(Uni.createFrom().item(new Result(
                        new Stored(inserted, first, first ? counts.get(inserted.id()) : null), null)));
            } else {
                results.add(pool.preparedQuery(FIND_BY_KEY).execute(Tuple.of(pending.senderId(), pending.key()))
                        .map(found -> new Result(new Stored(toMessages(found).get(0), false, null), null))
                        .onFailure().recoverWithItem(failure -> new Result(null,
                                DatabaseFailures.unavailable("Finding the message under a retried key", failure))));
            }
        }
        return Uni.join().all(results).andFailFast();
    }

    /** One message by id, or null; for a node that got only the id of a message too large for the broker. */
    public Uni<Message> findById(long id) {
        return pool.preparedQuery(FIND_BY_ID).execute(Tuple.of(id))
                .ifNoItem().after(timeout).fail()
                .map(rows -> rows.size() == 0 ? null : toMessages(rows).get(0));
    }

    /** Up to {@code limit} messages between two users with an id below {@code before}, newest first. */
    public Uni<List<Message>> conversationBefore(long userId, long friendId, long before, int limit) {
        return pool.preparedQuery(CONVERSATION_BEFORE)
                .execute(Tuple.of(userId, friendId, before, limit))
                .ifNoItem().after(timeout).fail()
                .map(MessageRepository::toMessages)
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Reading history of " + userId, failure));
    }

    /** The newest {@code limit} messages sent or received by a user with an id above {@code after}, newest first. */
    public Uni<List<Message>> newestInvolvingAfter(long userId, long after, int limit) {
        return pool.preparedQuery(NEWEST_INVOLVING_AFTER)
                .execute(Tuple.of(userId, after, limit))
                .ifNoItem().after(timeout).fail()
                .map(MessageRepository::toMessages)
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Reading messages of " + userId, failure));
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
}
