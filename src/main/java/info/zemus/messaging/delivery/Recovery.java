package info.zemus.messaging.delivery;

import info.zemus.messaging.config.WebSocketConfig;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.MessageRepository;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Replays to a reconnecting device what its user received or sent after {@code since}, then switches it
 * to live delivery with no gap and no duplicate. The session is registered (holding live messages) before
 * the query runs, so a message committed meanwhile is either in the query's result or held, or both; the
 * held ones already replayed are dropped by id.
 */
@ApplicationScoped
public class Recovery {

    private final MessageRepository repository;
    private final Frames frames;
    private final int limit;

    public Recovery(MessageRepository repository, Frames frames, WebSocketConfig config) {
        this.repository = repository;
        this.frames = frames;
        this.limit = config.replayLimit();
    }

    /**
     * Called once the session is registered in replay mode; {@code context} is the connection's, on
     * which the replay is written.
     */
    public Uni<Void> replay(DeviceSession session, long since, Context context) {
        // Every write of the replay and the switch to live happen on the connection's event loop.
        Executor onConnection = task -> context.runOnContext(ignored -> task.run());
        long started = System.nanoTime();
        return repository.newestInvolvingAfter(session.userId(), since, limit + 1)
                .emitOn(onConnection)
                .invoke(newestFirst -> write(session, since, newestFirst, started))
                .onFailure().invoke(failure -> {
                    Log.warnf("Replay for connection %s of user %d failed: %s", session.connection().id(),
                            session.userId(), failure.toString());
                    session.connection().close(new CloseReason(CloseCodes.INTERNAL_ERROR, "replay failed"))
                            .subscribe().with(ignored -> { }, ignored -> { });
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void write(DeviceSession session, long since, List<Message> newestFirst, long startedNanos) {
        int count = Math.min(limit, newestFirst.size());
        if (newestFirst.size() > limit) {
            // The oldest ones are left out: the client pages history below the first replayed id.
            session.write(frames.truncated(since, newestFirst.get(count - 1).id()));
        }
        Set<Long> replayed = new HashSet<>(count * 2);
        for (int i = count - 1; i >= 0; i--) {
            Message message = newestFirst.get(i);
            session.write(frames.message(message));
            replayed.add(message.id());
        }
        session.write(frames.recovered(since, count));
        session.finishReplay(replayed);
        Log.infof("Connection %s of user %d recovered %d messages after %d in %d ms", session.connection().id(),
                session.userId(), count, since, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
