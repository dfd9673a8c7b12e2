package info.zemus.messaging.presence;

import com.fasterxml.jackson.databind.JsonNode;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.PresenceConfig;
import info.zemus.messaging.delivery.DeviceSession;
import info.zemus.messaging.delivery.OutgoingFrames;
import info.zemus.messaging.delivery.PresenceEvent;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who watches whom on this node, and the newest state known of each watched user: a change is written to the
 * sockets that watch its user only when newer (by version) and different from what they were told. A user nobody
 * here watches costs nothing: their changes are dropped on arrival.
 */
@ApplicationScoped
class PresenceWatchers {

    private final ConcurrentHashMap<Long, Set<DeviceSession>> watchersOf = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeviceSession, Set<Long>> watchedBy = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, PresenceEvent> known = new ConcurrentHashMap<>();
    private final PresenceRepository repository;
    private final TokenCheck tokenCheck;
    private final UserRateLimits limits;
    private final OutgoingFrames frames;
    private final int maxWatched;

    PresenceWatchers(PresenceRepository repository, TokenCheck tokenCheck, UserRateLimits limits,
                     OutgoingFrames frames, PresenceConfig config) {
        this.repository = repository;
        this.tokenCheck = tokenCheck;
        this.limits = limits;
        this.frames = frames;
        this.maxWatched = config.maxWatched();
    }

    /** A change from any node: to the sockets here that watch its user, when it tells them something new. */
    void changed(PresenceEvent event) {
        Set<DeviceSession> watchers = watchersOf.get(event.userId());
        if (watchers == null || watchers.isEmpty()) {
            return;
        }
        PresenceEvent[] before = new PresenceEvent[1];
        PresenceEvent now = known.merge(event.userId(), event, (old, incoming) -> {
            before[0] = old;
            return incoming.version() > old.version() ? incoming : old;
        });
        if (now != event || (before[0] != null && sameForAWatcher(before[0], event))) {
            return; // older than what is known, or nothing a watcher would see
        }
        String frame = frames.presence(event);
        watchers.forEach(session -> session.sendEvent(frame));
    }

    /**
     * {@code {"type":"presence","watch":[ids]}}: the socket now watches these friends (the list replaces the last
     * one; empty: none). Each gets its current state at once; each that is not a friend an {@code error} frame. A
     * refusal of the whole frame fails the Uni with an {@link ApiException}, for the caller to answer.
     */
    Uni<Void> watch(DeviceSession session, JsonNode frame) {
        List<Long> asked;
        try {
            asked = parse(session.userId(), frame.get("watch"));
            limits.acquire(Budget.READ, session.userId());
        } catch (ApiException e) {
            return Uni.createFrom().failure(e); // answered by the caller, a malformed frame counted as such
        }
        if (asked.isEmpty()) {
            replace(session, Set.of());
            return Uni.createFrom().voidItem();
        }
        List<Uni<Throwable>> checks = new ArrayList<>(asked.size());
        for (long friend : asked) {
            checks.add(tokenCheck.verifyWithFriendship(session.userId(), friend, session.token())
                    .replaceWith((Throwable) null)
                    .onFailure().recoverWithItem(failure -> failure));
        }
        return Uni.join().all(checks).andFailFast().chain(outcomes -> {
            Set<Long> accepted = new LinkedHashSet<>();
            for (int i = 0; i < asked.size(); i++) {
                Throwable failure = outcomes.get(i);
                if (failure == null) {
                    accepted.add(asked.get(i));
                } else if (failure instanceof ApiException e && e.code() == ErrorCode.NOT_FRIENDS) {
                    session.write(frames.error(null, e.code(), e.detail()));
                } else {
                    // The token, or the main API: the same for every id, answered once, and nothing changes.
                    session.write(failure instanceof ApiException e
                            ? frames.error(null, e.code(), e.detail(), e.retryAfterSeconds())
                            : frames.error(null, ErrorCode.INTERNAL_ERROR, "The server failed to handle this frame"));
                    return Uni.createFrom().voidItem();
                }
            }
            replace(session, accepted);
            if (accepted.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return repository.states(List.copyOf(accepted))
                    .invoke(states -> states.forEach(state -> session.sendEvent(frames.presence(newest(state)))))
                    .onFailure().invoke(failure -> session.write(frames.error(null, ErrorCode.DATABASE_UNAVAILABLE,
                            "Presence cannot be read now; send the frame again later")))
                    .onFailure().recoverWithNull()
                    .replaceWithVoid();
        });
    }

    /** The socket closed: it watches nothing any more. */
    void forget(DeviceSession session) {
        Set<Long> watched = watchedBy.remove(session);
        if (watched != null) {
            watched.forEach(userId -> unwatch(userId, session));
        }
    }

    private void replace(DeviceSession session, Set<Long> users) {
        Set<Long> before = watchedBy.put(session, Set.copyOf(users));
        if (before != null) {
            before.stream().filter(userId -> !users.contains(userId)).forEach(userId -> unwatch(userId, session));
        }
        users.forEach(userId -> watchersOf.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(session));
        if (session.connection().isClosed()) {
            forget(session); // closed meanwhile: forget may have run before the put
        }
    }

    private void unwatch(long userId, DeviceSession session) {
        watchersOf.computeIfPresent(userId, (id, sessions) -> {
            sessions.remove(session);
            if (sessions.isEmpty()) {
                known.remove(id);
                return null;
            }
            return sessions;
        });
    }

    /** What the database said, or a newer change that arrived meanwhile. */
    private PresenceEvent newest(PresenceEvent read) {
        if (!watchersOf.containsKey(read.userId())) {
            return read;
        }
        return known.merge(read.userId(), read, (old, incoming) -> incoming.version() > old.version() ? incoming : old);
    }

    private static boolean sameForAWatcher(PresenceEvent a, PresenceEvent b) {
        return a.online() == b.online() && (a.online() || Objects.equals(a.lastSeen(), b.lastSeen()));
    }

    private List<Long> parse(long userId, JsonNode watch) {
        if (watch == null || !watch.isArray()) {
            throw new ApiException(ErrorCode.INVALID_FRAME, "A presence frame needs 'watch': an array of friends' user ids");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode id : watch) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
                throw new ApiException(ErrorCode.INVALID_FRAME, "'watch' holds user ids: positive integers");
            }
            if (id.longValue() == userId) {
                throw new ApiException(ErrorCode.INVALID_ID, "A user does not watch themselves");
            }
            ids.add(id.longValue());
        }
        if (ids.size() > maxWatched) {
            throw new ApiException(ErrorCode.TOO_MANY_WATCHED, "At most " + maxWatched + " friends are watched at once; "
                    + ids.size() + " were asked");
        }
        return List.copyOf(ids);
    }
}
