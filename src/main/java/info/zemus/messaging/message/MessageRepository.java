package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Messages in PostgreSQL, through the reactive pool. */
@ApplicationScoped
public class MessageRepository {

    private static final String INSERT = """
            INSERT INTO messages (user_sender_id, user_receiver_id, content)
            VALUES ($1, $2, $3)
            RETURNING id, sent_at""";

    private final Pool pool;
    private final Duration timeout;

    public MessageRepository(Pool pool, MessagesConfig config) {
        this.pool = pool;
        this.timeout = config.storeTimeout();
    }

    /** Stores one message; fails with 503 {@code database_unavailable} when it cannot. */
    public Uni<Message> insert(long senderId, long receiverId, String content) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(senderId, receiverId, content))
                .ifNoItem().after(timeout).fail()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Message(row.getLong("id"), senderId, receiverId, content,
                            row.getOffsetDateTime("sent_at").toInstant());
                })
                .onFailure().transform(failure -> {
                    Log.errorf("Storing a message from %d to %d failed: %s", senderId, receiverId, failure.toString());
                    return new ApiException(ErrorCode.DATABASE_UNAVAILABLE, "The message could not be stored; retry later");
                });
    }
}
