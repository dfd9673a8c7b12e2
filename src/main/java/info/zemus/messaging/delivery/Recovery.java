package info.zemus.messaging.delivery;

import info.zemus.messaging.config.WebSocketConfig;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.MessageRepository;
import info.zemus.messaging.message.ReceiptRepository;
import info.zemus.messaging.message.ReceiptRepository.State;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final ReceiptRepository receipts;
    private final OutgoingFrames frames;
    private final int limit;

    public Recovery(MessageRepository repository, ReceiptRepository receipts, OutgoingFrames frames, WebSocketConfig config) {
        this.repository = repository;
        this.receipts = receipts;
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
        Uni<List<Message>> missed = repository.newestInvolvingAfter(session.userId(), since, limit + 1);
        Uni<List<State>> receiptStates = since == 0
                ? Uni.createFrom().item(List.of())
                : receipts.sentUpTo(session.userId(), since, limit);
        return Uni.combine().all().unis(missed, receiptStates).asTuple()
                .emitOn(onConnection)
                .invoke(both -> write(session, since, both.getItem1(), both.getItem2(), started))
                .onFailure().invoke(failure -> {
                    Log.warnf("Replay for connection %s of user %d failed: %s", session.connection().id(),
                            session.userId(), failure.toString());
                    session.connection().close(Disconnect.REPLAY_FAILED.closeReason())
                            .subscribe().with(ignored -> { }, ignored -> { });
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void write(DeviceSession session, long since, List<Message> newestFirst, List<State> receiptStates,
                       long startedNanos) {
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
        writeReceipts(session, receiptStates);
        session.write(frames.recovered(since, count));
        session.finishReplay(replayed);
        Log.infof("Connection %s of user %d recovered %d messages after %d in %d ms", session.connection().id(),
                session.userId(), count, since, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /**
     * Receipts of the user's messages at or below {@code since} may have come while the device was away
     * (those above it are in the replayed frames): send the current state of the most recent ones, one
     * frame per recipient and status, in the shape of live receipts.
     */
    private void writeReceipts(DeviceSession session, List<State> states) {
        Map<Long, List<State>> read = new LinkedHashMap<>();
        Map<Long, List<State>> delivered = new LinkedHashMap<>();
        for (State state : states) {
            if (state.readAt() != null) {
                read.computeIfAbsent(state.receiverId(), ignored -> new ArrayList<>()).add(state);
            } else if (state.deliveredAt() != null) {
                delivered.computeIfAbsent(state.receiverId(), ignored -> new ArrayList<>()).add(state);
            }
        }
        delivered.forEach((by, theirs) -> session.write(frames.receipt("delivered", by, ids(theirs),
                theirs.stream().map(State::deliveredAt).max(Instant::compareTo).orElseThrow())));
        read.forEach((by, theirs) -> session.write(frames.receipt("read", by, ids(theirs),
                theirs.stream().map(State::readAt).max(Instant::compareTo).orElseThrow())));
    }

    private static List<Long> ids(List<State> states) {
        return states.stream().map(State::messageId).sorted().toList();
    }
}
