package info.zemus.messaging.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is connected: user id to that user's open device sessions. Routing a message costs a map lookup
 * and the devices of its users, never a scan of all connections.
 *
 * <p>Each user's list is immutable and replaced atomically under the map's per-key lock, so readers
 * (fan-out) never lock and never see a half-updated list, while connects and disconnects of the same
 * user from different event loops cannot lose each other's update.
 */
@ApplicationScoped
public class SessionHub {

    private final ConcurrentHashMap<Long, List<DeviceSession>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    void register(DeviceSession session) {
        connections.incrementAndGet();
        byUser.compute(session.userId(), (userId, current) -> {
            if (current == null) {
                return List.of(session);
            }
            List<DeviceSession> next = new ArrayList<>(current.size() + 1);
            next.addAll(current);
            next.add(session);
            return List.copyOf(next);
        });
    }

    void unregister(DeviceSession session) {
        byUser.computeIfPresent(session.userId(), (userId, current) -> {
            if (!current.contains(session)) {
                return current;
            }
            connections.decrementAndGet();
            if (current.size() == 1) {
                return null;
            }
            List<DeviceSession> next = new ArrayList<>(current);
            next.remove(session);
            return List.copyOf(next);
        });
    }

    /** The user's open device sessions at this instant (an immutable snapshot, possibly empty). */
    public List<DeviceSession> devicesOf(long userId) {
        List<DeviceSession> sessions = byUser.get(userId);
        return sessions == null ? List.of() : sessions;
    }

    /** Number of open connections on this node. */
    public int connections() {
        return connections.get();
    }

    /** Number of users with at least one open connection. */
    public int usersOnline() {
        return byUser.size();
    }

    /** Closes every open connection with 1001 (going away); returns how many were asked to close. */
    public int closeAll() {
        return closeAll(Disconnect.SHUTTING_DOWN);
    }

    /** Closes every open connection so; returns how many were asked to close. */
    public int closeAll(Disconnect disconnect) {
        int count = 0;
        for (List<DeviceSession> sessions : byUser.values()) {
            for (DeviceSession session : sessions) {
                session.connection().close(disconnect.closeReason())
                        .subscribe().with(ignored -> { }, ignored -> { });
                count++;
            }
        }
        return count;
    }

    /** Every open session; for periodic housekeeping only, never on the message path. */
    Collection<List<DeviceSession>> all() {
        return byUser.values();
    }
}
