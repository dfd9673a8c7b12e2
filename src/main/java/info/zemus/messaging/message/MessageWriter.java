package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.message.MessageRepository.Stored;
import info.zemus.messaging.metrics.StoreMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit: stores concurrent sends in multi-row INSERTs, one statement in flight at a time. A send
 * arriving while the database is idle goes out at once (no added wait at low load); sends arriving while
 * an INSERT is in flight form the next one. Each caller completes only after its own row is committed.
 *
 * <p>One statement at a time also makes ids follow commit order: every id of a batch is committed before
 * the next batch takes its ids, which reconnect recovery ({@code since}) relies on.
 */
@ApplicationScoped
public class MessageWriter {

    /** One send waiting for its batch. */
    record Pending(long senderId, long receiverId, String content, String key, UniEmitter<? super Stored> caller) {
    }

    private final MessageRepository repository;
    private final StoreMetrics metrics;
    private final int maxBatch;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean inFlight; // guarded by waiting

    public MessageWriter(MessageRepository repository, StoreMetrics metrics, MessagesConfig config) {
        this.repository = repository;
        this.metrics = metrics;
        this.maxBatch = config.maxBatch();
    }

    /** Stores a message (or finds the one stored under the same key) once its batch has committed. */
    public Uni<Stored> store(long senderId, long receiverId, String content, String key) {
        return Uni.createFrom().emitter(caller -> {
            boolean start;
            synchronized (waiting) {
                waiting.add(new Pending(senderId, receiverId, content, key, caller));
                start = !inFlight;
                inFlight = true;
            }
            if (start) {
                flush();
            }
        });
    }

    private void flush() {
        List<Pending> batch = new ArrayList<>();
        synchronized (waiting) {
            while (batch.size() < maxBatch && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                inFlight = false;
                return;
            }
        }
        long started = System.nanoTime();
        repository.insertBatch(batch).subscribe().with(
                results -> {
                    metrics.batch(batch.size(), true, started);
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
                    flush();
                    batch.forEach(pending -> pending.caller().fail(failure));
                });
    }
}
