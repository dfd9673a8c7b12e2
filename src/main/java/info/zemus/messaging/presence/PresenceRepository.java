package info.zemus.messaging.presence;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.config.PresenceConfig;
import info.zemus.messaging.database.DatabaseFailures;
import info.zemus.messaging.delivery.Broker;
import info.zemus.messaging.delivery.PresenceEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Presence in PostgreSQL (V6): each statement changes one user's row under its lock and bumps its version, so that
 * every node applies the changes of a user in one order. A user is online while a session row of theirs belongs to a
 * node whose lease has not run out.
 */
@ApplicationScoped
class PresenceRepository {

    private static final String ONLINE_ELSEWHERE = """
            EXISTS (SELECT 1 FROM presence_sessions s JOIN presence_nodes n USING (node_id)
                    WHERE s.user_id = %s AND n.alive_until > now()%s)""";

    /**
     * $1 user, $2 node, $3 lease in ms, $4 deployment: the node's lease row is made if missing (without taking its
     * lock).
     */
    private static final String ONLINE = """
            WITH lease AS (INSERT INTO presence_nodes (node_id, alive_until, deployment)
                           VALUES ($2, now() + $3 * interval '1 millisecond', $4) ON CONFLICT DO NOTHING),
            joined AS (INSERT INTO presence_sessions (node_id, user_id) VALUES ($2, $1) ON CONFLICT DO NOTHING)
            INSERT INTO presence AS p (user_id, version) VALUES ($1, 1)
            ON CONFLICT (user_id) DO UPDATE SET version = p.version + 1
            RETURNING version, last_seen""";

    /**
     * $1 user, $2 node, $3 when its last socket here closed. Still online when a session elsewhere is alive (the
     * deleted row is still visible to the EXISTS, hence the node test).
     */
    private static final String OFFLINE = """
            WITH gone AS (DELETE FROM presence_sessions WHERE node_id = $2 AND user_id = $1),
            changed AS (UPDATE presence SET version = version + 1, last_seen = greatest(last_seen, $3)
                        WHERE user_id = $1 RETURNING version, last_seen)
            SELECT version, last_seen, %s AS online FROM changed""".formatted(ONLINE_ELSEWHERE.formatted("$1",
            " AND s.node_id <> $2"));

    private static final String STATES = """
            SELECT u.user_id, p.version, p.last_seen, %s AS online
            FROM unnest($1::bigint[]) WITH ORDINALITY AS u(user_id, ord) LEFT JOIN presence p USING (user_id)
            ORDER BY u.ord""".formatted(
            ONLINE_ELSEWHERE.formatted("u.user_id", ""));

    private static final String RENEW = """
            INSERT INTO presence_nodes (node_id, alive_until, deployment)
            VALUES ($1, now() + $2 * interval '1 millisecond', $3)
            ON CONFLICT (node_id) DO UPDATE SET alive_until = excluded.alive_until
            RETURNING xmax = 0 AS made""";

    /**
     * Nodes whose lease ran out: their rows go, and each of their users gets a new version, last seen at the lease's
     * end; online still when connected on a live node. Two nodes sweeping at once: the second finds nothing left.
     */
    private static final String SWEEP = """
            WITH dead AS (DELETE FROM presence_nodes WHERE alive_until < now() AND deployment IN ($1, '')
                          RETURNING node_id, alive_until),
            gone AS (DELETE FROM presence_sessions s USING dead WHERE s.node_id = dead.node_id
                     RETURNING s.user_id, dead.alive_until),
            per_user AS (SELECT user_id, max(alive_until) AS seen FROM gone GROUP BY user_id),
            changed AS (UPDATE presence p SET version = p.version + 1, last_seen = greatest(p.last_seen, per_user.seen)
                        FROM per_user WHERE p.user_id = per_user.user_id
                        RETURNING p.user_id, p.version, p.last_seen)
            SELECT user_id, version, last_seen, %s AS online FROM changed c""".formatted(
            ONLINE_ELSEWHERE.formatted("c.user_id", ""));

    private final Pool pool;
    private final Duration timeout;
    private final long leaseMillis;
    private final String deployment;

    PresenceRepository(Pool pool, MessagesConfig messages, PresenceConfig config, Broker broker) {
        this.pool = pool;
        this.timeout = messages.storeTimeout();
        this.leaseMillis = config.nodeLease().toMillis();
        this.deployment = broker.deployment();
    }

    /** The user has a socket on this node now. */
    Uni<PresenceEvent> online(long userId, String node) {
        return bounded(pool.preparedQuery(ONLINE).execute(Tuple.of(userId, node, leaseMillis, deployment)), "online of " + userId)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new PresenceEvent(userId, true, instant(row, "last_seen"), row.getLong("version"));
                });
    }

    /** The user's last socket on this node closed at {@code at}; null when the user has no presence row. */
    Uni<PresenceEvent> offline(long userId, String node, Instant at) {
        return bounded(pool.preparedQuery(OFFLINE).execute(Tuple.of(userId, node, at.atOffset(ZoneOffset.UTC))),
                "offline of " + userId)
                .map(rows -> rows.size() == 0 ? null : event(userId, rows.iterator().next()));
    }

    /** Each user's state, in the order asked; version 0 for a user never seen. */
    Uni<List<PresenceEvent>> states(List<Long> userIds) {
        return bounded(pool.preparedQuery(STATES).execute(Tuple.of(userIds.toArray(Long[]::new))), "presence states")
                .map(rows -> {
                    List<PresenceEvent> states = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        states.add(event(row.getLong("user_id"), row));
                    }
                    return states;
                });
    }

    /**
     * Renews the node's lease; true when its row had to be made: first renewal, or the node was taken as dead (a
     * database outage longer than the lease) and its sessions were swept.
     */
    Uni<Boolean> renew(String node) {
        return bounded(pool.preparedQuery(RENEW).execute(Tuple.of(node, leaseMillis, deployment)), "renewing the node's lease")
                .map(rows -> rows.iterator().next().getBoolean("made")); // xmax = 0: inserted, not updated
    }

    /** The users of this deployment's dead nodes, as they are now. */
    Uni<List<PresenceEvent>> sweep() {
        return bounded(pool.preparedQuery(SWEEP).execute(Tuple.of(deployment)), "sweeping dead nodes").map(rows -> {
            List<PresenceEvent> changes = new ArrayList<>(rows.size());
            for (Row row : rows) {
                changes.add(event(row.getLong("user_id"), row));
            }
            return changes;
        });
    }

    private Uni<RowSet<Row>> bounded(Uni<RowSet<Row>> query, String what) {
        return query.ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Presence: " + what, failure));
    }

    private static PresenceEvent event(long userId, Row row) {
        Long version = row.getLong("version");
        return new PresenceEvent(userId, row.getBoolean("online"), instant(row, "last_seen"),
                version == null ? 0 : version);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
