package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.message.MessageRepository.Stored;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit: stores concurrent sends in multi-row INSERTs. A send arriving while the database is idle goes
 * out at once (no added wait at low load); sends arriving while INSERTs are in flight form the next one. Each
 * caller completes only after its own row is committed.
 *
 * <p>Every INSERT goes through one connection, up to {@code zemus.messages.inserts-in-flight} of them sent
 * ahead (pipelined): the next batch is already at the database when the previous one commits, instead of
 * waiting for its answer to come back and be read. On one connection they still run one after the other, so
 * ids follow commit order: every id of a batch is committed before the next batch takes its ids, which
 * reconnect recovery ({@code since}) relies on.
 *
 * <p>When an INSERT fails (the database's statement timeout, a lost connection), its callers hear 503 only once
 * the outcome is certain: the connection's server process is ended first ({@link MessageRepository#endWriter}),
 * so that nothing sent through it can commit afterwards, and the next connection is opened only then, which
 * keeps ids in commit order.
 */
@ApplicationScoped
public class MessageWriter {

    /** One send waiting for its batch; {@code deadline} is its arrival plus the store timeout (System.nanoTime). */
    record Pending(long senderId, long receiverId, String content, String key, UniEmitter<? super Stored> caller,
                   long deadline) {
    }

    private final MessageRepository repository;
    private final StoreMetrics metrics;
    private final int maxBatch;
    private final int maxInFlight;
    private final int maxQueued;
    private final long timeoutNanos;
    private final long timeoutMillis;
    // All guarded by waiting.
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;
    private Link connection;
    private boolean connecting;

    /**
     * The writer's connection, the one end of its server process that every batch sent through it waits for, and
     * the statement timeout its next statement runs with (batches are sent in order, under the writer's lock).
     */
    private static final class Link {
        private final SqlConnection sql;
        private final Uni<Void> ended;
        private long statementTimeout;

        Link(SqlConnection sql, Uni<Void> ended, long statementTimeout) {
            this.sql = sql;
            this.ended = ended;
            this.statementTimeout = statementTimeout;
        }

        SqlConnection sql() {
            return sql;
        }

        Uni<Void> ended() {
            return ended;
        }

        long statementTimeout() {
            return statementTimeout;
        }

        void statementTimeout(long millis) {
            statementTimeout = millis;
        }
    }

    public MessageWriter(MessageRepository repository, StoreMetrics metrics, MessagesConfig config) {
        this.repository = repository;
        this.metrics = metrics;
        this.maxBatch = config.maxBatch();
        this.maxInFlight = Math.max(1, config.insertsInFlight());
        this.maxQueued = config.maxQueuedSends();
        this.timeoutNanos = config.storeTimeout().toNanos();
        this.timeoutMillis = Math.max(1, config.storeTimeout().toMillis());
    }

    /**
     * Stores a message (or finds the one stored under the same key) once its batch has committed. Refused at once
     * with 503 when {@code zemus.messages.max-queued-sends} sends are already waiting.
     */
    public Uni<Stored> store(long senderId, long receiverId, String content, String key) {
        return Uni.createFrom().emitter(caller -> {
            boolean queued;
            synchronized (waiting) {
                queued = waiting.size() < maxQueued;
                if (queued) {
                    waiting.add(new Pending(senderId, receiverId, content, key, caller, System.nanoTime() + timeoutNanos));
                }
            }
            if (queued) {
                flush();
            } else {
                metrics.refused("queue_full", 1);
                caller.fail(new ApiException(ErrorCode.DATABASE_UNAVAILABLE,
                        "Too many messages are waiting to be stored; retry later"));
            }
        });
    }

    /**
     * Sends batches while there are sends waiting and room in flight; opens the connection first if needed. A send
     * whose deadline passed while it waited is answered 503 instead (it never reached the database), and a batch's
     * INSERT gets what is left of its oldest send's time as its statement timeout when that is clearly less than
     * the whole store timeout (under a backlog only: normally a send waits for its batch a fraction of a millisecond).
     */
    private void flush() {
        List<Pending> late = new ArrayList<>();
        synchronized (waiting) {
            while (!waiting.isEmpty() && inFlight < maxInFlight) {
                if (connection == null) {
                    if (!connecting) {
                        connecting = true;
                        open();
                    }
                    break;
                }
                long now = System.nanoTime();
                List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
                long oldest = Long.MAX_VALUE;
                while (batch.size() < maxBatch && !waiting.isEmpty()) {
                    Pending pending = waiting.poll();
                    if (pending.deadline() - now <= 0) {
                        late.add(pending);
                    } else {
                        batch.add(pending);
                        oldest = Math.min(oldest, pending.deadline());
                    }
                }
                if (batch.isEmpty()) {
                    continue;
                }
                long leftMillis = Math.max(1, (oldest - now) / 1_000_000);
                // Within a tenth of the whole: keep the connection's setting, one statement fewer per batch.
                long statementTimeout = leftMillis >= timeoutMillis - timeoutMillis / 10 ? timeoutMillis : leftMillis;
                Long change = statementTimeout == connection.statementTimeout() ? null : statementTimeout;
                connection.statementTimeout(statementTimeout);
                inFlight++;
                // Sent under the lock: statements reach the connection in the order their batches were taken.
                send(connection, batch, change);
            }
        }
        if (!late.isEmpty()) {
            metrics.refused("deadline", late.size());
            late.forEach(pending -> pending.caller().fail(new ApiException(ErrorCode.DATABASE_UNAVAILABLE,
                    "The message could not be stored in time; retry later")));
        }
    }

    private void send(Link on, List<Pending> batch, Long statementTimeout) {
        long started = System.nanoTime();
        repository.insertBatch(on.sql(), batch, statementTimeout).subscribe().with(
                results -> {
                    metrics.batch(batch.size(), true, started);
                    synchronized (waiting) {
                        inFlight--;
                    }
                    flush(); // the next batch goes out before callers run their continuations
                    for (int i = 0; i < batch.size(); i++) {
                        MessageRepository.Result result = results.get(i);
                        if (result.failure() == null) {
                            batch.get(i).caller().complete(result.stored());
                        } else {
                            batch.get(i).caller().fail(result.failure());
                        }
                    }
                },
                failure -> {
                    metrics.batch(batch.size(), false, started);
                    synchronized (waiting) {
                        // Whatever failed, the next batches go through a fresh connection: this one may be stuck
                        // or dead without its close noticed yet; a failure is rare enough to pay a reconnection.
                        if (connection == on) {
                            connection = null;
                            connecting = true; // no new connection before this one's process is gone
                        }
                    }
                    // Every batch of this connection waits for the same end; the first failure starts it.
                    on.ended().subscribe().with(ended -> {
                        on.sql().close().subscribe().with(closed -> { }, ignored -> { });
                        synchronized (waiting) {
                            inFlight--;
                            if (connection == null && connecting) {
                                connecting = false;
                            }
                        }
                        flush();
                        batch.forEach(pending -> pending.caller().fail(failure));
                    });
                });
    }

    private void open() {
        repository.writerConnection().subscribe().with(
                opened -> {
                    Link link = new Link(opened.sql(), Uni.createFrom().deferred(() -> repository.endWriter(opened.backendPid()))
                            .memoize().indefinitely(), timeoutMillis);
                    // Ending a failed writer's process is on purpose: its "terminating connection" is no news.
                    opened.sql().exceptionHandler(failure -> Log.debugf("Message writer's connection: %s", failure.toString()));
                    opened.sql().closeHandler(() -> {
                        synchronized (waiting) { // closed by the database or the network: open another
                            if (connection == link) {
                                connection = null;
                            }
                        }
                    });
                    synchronized (waiting) {
                        connection = link;
                        connecting = false;
                    }
                    flush();
                },
                failure -> {
                    List<Pending> failed;
                    synchronized (waiting) {
                        connecting = false;
                        failed = new ArrayList<>(waiting);
                        waiting.clear();
                    }
                    failed.forEach(pending -> pending.caller().fail(failure));
                });
    }
}
