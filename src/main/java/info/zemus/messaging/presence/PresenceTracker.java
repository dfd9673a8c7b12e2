package info.zemus.messaging.presence;

import info.zemus.messaging.broker.Node;
import info.zemus.messaging.config.PresenceConfig;
import info.zemus.messaging.delivery.Broker;
import info.zemus.messaging.delivery.PresenceEvent;
import info.zemus.messaging.lifecycle.Periodic;
import info.zemus.messaging.lifecycle.Refusal;
import info.zemus.messaging.observability.ThrottledLog;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This node's part of presence: a user's first socket here makes them online, the last one closing makes them
 * offline after {@code zemus.presence.offline-after} unless one reopened meanwhile; each change is written to
 * PostgreSQL and published to every node. It also renews this node's lease and sweeps the nodes whose lease ran
 * out, so that a dead node does not keep its users online.
 */
@ApplicationScoped
class PresenceTracker {

    private final ThrottledLog failures = new ThrottledLog("'Presence: a change was not recorded'");
    private final PresenceRepository repository;
    private final PresenceWatchers watchers;
    private final Broker broker;
    private final Vertx vertx;
    private final Periodic periodic;
    private final boolean enabled;
    private final long offlineAfterMillis;
    private final Duration renewEvery;
    private final int maxWatched;
    /** This run of the node: a restarted node with the same name is another one, its old sessions expire. */
    private final String incarnation;
    private final ConcurrentHashMap<Long, Local> local = new ConcurrentHashMap<>();

    /** A user with sockets here (or whose last one closed less than offline-after ago), and their writes in order. */
    private static final class Local {
        int sockets;
        long offlineTimer = -1;
        CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
        int pendingWrites;
    }

    PresenceTracker(PresenceRepository repository, PresenceWatchers watchers, Broker broker, Vertx vertx,
                    Periodic periodic, Node node, PresenceConfig config) {
        this.repository = repository;
        this.watchers = watchers;
        this.broker = broker;
        this.vertx = vertx;
        this.periodic = periodic;
        this.enabled = config.enabled();
        this.offlineAfterMillis = Math.max(1, config.offlineAfter().toMillis());
        this.renewEvery = config.nodeLease().dividedBy(3);
        this.maxWatched = config.maxWatched();
        this.incarnation = node.id() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    void start(@Observes StartupEvent event) {
        if (renewEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            // Renewed every third of it: a shorter lease would expire between two renewals on a busy database.
            throw Refusal.toStart("zemus.presence.node-lease (ZEMUS_PRESENCE_NODE_LEASE) must be 3s or more");
        }
        if (maxWatched < 1) {
            throw Refusal.toStart("zemus.presence.max-watched (ZEMUS_PRESENCE_MAX_WATCHED) must be 1 or more");
        }
        if (enabled) {
            periodic.everyAsync("presence-lease", renewEvery, this::renewAndSweep);
            renewAndSweep().subscribe().with(done -> { }, failure -> { }); // the first lease without waiting a period
        }
    }

    void connected(long userId) {
        if (!enabled) {
            return;
        }
        local.compute(userId, (id, user) -> {
            Local current = user == null ? new Local() : user;
            current.sockets++;
            if (current.sockets == 1) {
                if (current.offlineTimer >= 0) {
                    vertx.cancelTimer(current.offlineTimer); // back within offline-after: still online everywhere
                    current.offlineTimer = -1;
                } else {
                    write(id, current, () -> repository.online(id, incarnation));
                }
            }
            return current;
        });
    }

    void disconnected(long userId) {
        if (!enabled) {
            return;
        }
        local.computeIfPresent(userId, (id, user) -> {
            user.sockets--;
            if (user.sockets == 0) {
                Instant closedAt = Instant.now();
                long[] timer = new long[1];
                timer[0] = vertx.setTimer(offlineAfterMillis, fired -> offlineIfStillGone(id, timer[0], closedAt));
                user.offlineTimer = timer[0];
            }
            return user;
        });
    }

    private void offlineIfStillGone(long userId, long timer, Instant closedAt) {
        local.computeIfPresent(userId, (id, user) -> {
            if (user.offlineTimer != timer || user.sockets > 0) {
                return user;
            }
            user.offlineTimer = -1;
            write(id, user, () -> repository.offline(id, incarnation, closedAt));
            return user;
        });
    }

    /**
     * Runs a user's writes one after the other, so that the database sees this node's changes in the order they
     * happened; publishes each outcome. Called under the map's lock for the user.
     */
    private void write(long userId, Local user, Supplier<Uni<PresenceEvent>> change) {
        user.pendingWrites++;
        user.writes = user.writes.thenCompose(ignored -> change.get()
                .invoke(this::publish)
                .onFailure().invoke(failure -> failures.warn("Presence: the change of user %d was not recorded: %s",
                        userId, failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid()
                .subscribeAsCompletionStage())
                // Async: never inside the compute that queued it (a write may fail at once).
                .whenCompleteAsync((done, failure) -> local.computeIfPresent(userId, (id, current) -> {
                    current.pendingWrites--;
                    // Nothing more to say about this user here: forgotten.
                    return current.sockets == 0 && current.offlineTimer < 0 && current.pendingWrites == 0 ? null : current;
                }));
    }

    private void publish(PresenceEvent event) {
        if (event == null) {
            return;
        }
        if (broker.spansNodes()) {
            broker.presence(event); // every node, this one included, hands it to its watchers (BrokerInbox)
        } else {
            watchers.changed(event);
        }
    }

    private Uni<Void> renewAndSweep() {
        return repository.renew(incarnation)
                .invoke(made -> {
                    if (made) {
                        // Taken for dead (or the first renewal): this node's online users are written again.
                        local.forEach((userId, user) -> local.computeIfPresent(userId, (id, current) -> {
                            if (current.sockets > 0) {
                                write(id, current, () -> repository.online(id, incarnation));
                            }
                            return current;
                        }));
                    }
                })
                .chain(repository::sweep)
                .invoke((List<PresenceEvent> changes) -> {
                    if (!changes.isEmpty()) {
                        Log.infof("Presence: nodes whose lease ran out were removed, %d of their users changed",
                                changes.size());
                    }
                    changes.forEach(this::publish);
                })
                .replaceWithVoid();
    }
}
