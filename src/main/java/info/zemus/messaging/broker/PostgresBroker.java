package info.zemus.messaging.broker;

import info.zemus.messaging.broker.Publications.MessagePublished;
import info.zemus.messaging.broker.Publications.PresencePublished;
import info.zemus.messaging.broker.Publications.Publication;
import info.zemus.messaging.broker.Publications.ReceiptsPublished;
import info.zemus.messaging.broker.Publications.TypingPublished;
import info.zemus.messaging.delivery.Broker;
import info.zemus.messaging.delivery.BrokerInbox;
import info.zemus.messaging.delivery.PresenceEvent;
import info.zemus.messaging.delivery.ReceiptEvent;
import info.zemus.messaging.delivery.TypingEvent;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.UnreadCounts;
import info.zemus.messaging.message.MessageRepository;
import info.zemus.messaging.observability.ThrottledLog;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * LISTEN/NOTIFY on the service's database, one channel for the deployment: every node sees every
 * message and keeps those of its own sockets. Messages are announced by the INSERT that stores them
 * (MessageRepository), so at commit; receipts by a NOTIFY after their UPDATE committed.
 *
 * <p>One dedicated connection LISTENs (PgSubscriber). When it drops, every socket of this node is closed
 * with 4002 (what is notified meanwhile would be missed), readiness goes DOWN, and the subscriber
 * reconnects by itself every {@code zemus.broker.reconnect-delay}.
 */
final class PostgresBroker implements Broker, AutoCloseable {

    private static final String NOTIFY = "SELECT pg_notify($1, $2)";
    // NOTIFY payloads must stay under 8000 bytes: a receipt of many messages goes in several.
    private static final int IDS_PER_NOTIFY = 200;

    private final ThrottledLog ignored = new ThrottledLog("'Broker postgres: ignored a notification'");
    private final Vertx vertx;
    private final Pool pool;
    private final MessageRepository messages;
    private final Publications publications;
    private final BrokerInbox inbox;
    private final String node;
    private final String channel;
    private final long reconnectMillis;
    private final PgSubscriber subscriber;
    /** Notifications not handed over yet, oldest first. */
    private final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
    private volatile boolean connected;

    PostgresBroker(Vertx vertx, Pool pool, MessageRepository messages, Publications publications, BrokerInbox inbox,
                   Node node, String channel, PgConnectOptions listenOn, Duration reconnectDelay) {
        this.vertx = vertx;
        this.pool = pool;
        this.messages = messages;
        this.publications = publications;
        this.inbox = inbox;
        this.node = node.id();
        this.channel = channel;
        this.reconnectMillis = Math.max(1, reconnectDelay.toMillis());
        listenOn.addProperty("application_name", "zemus-broker-" + this.node).setTcpKeepAlive(true);
        this.subscriber = PgSubscriber.subscriber(vertx, listenOn)
                // Called with 0 as soon as the LISTEN connection is lost, then once per failed attempt.
                .reconnectPolicy(attempt -> {
                    if (attempt == 0) {
                        lost();
                    }
                    return reconnectMillis;
                });
        subscriber.channel(channel)
                .subscribeHandler(this::listening) // after LISTEN, at start and after every reconnect
                .handler(this::received);
    }

    void start() {
        subscriber.connect().subscribe().with(ignored -> { }, failure -> {
            Log.warnf("Broker postgres: cannot LISTEN yet (%s), retrying", failure.toString());
            vertx.setTimer(reconnectMillis, ignored -> start());
        });
    }

    private void listening() {
        connected = true;
        Log.infof("Broker postgres: node %s listening on channel %s", node, channel);
    }

    private void lost() {
        connected = false;
        Log.warnf("Broker postgres: LISTEN connection lost, reconnecting");
        inbox.brokerLost();
    }

    private void received(String payload) {
        Publication publication;
        try {
            publication = publications.read(payload);
        } catch (IllegalArgumentException e) {
            ignored.warn("Broker postgres: ignored a notification: %s", e.getMessage());
            return;
        }
        Arrival arrival = new Arrival();
        synchronized (arrivals) {
            arrivals.add(arrival);
        }
        if (publication instanceof ReceiptsPublished receipts) {
            arrival.ready(() -> inbox.receipts(receipts.receipts()));
        } else if (publication instanceof TypingPublished typing) {
            arrival.ready(() -> inbox.typing(typing.typing()));
        } else if (publication instanceof PresencePublished presence) {
            arrival.ready(() -> inbox.presence(presence.presence()));
        } else if (publication instanceof MessagePublished published) {
            if (published.message() != null) {
                arrival.ready(() -> inbox.message(published.message(), published.unread()));
            } else {
                reread(published, arrival);
            }
        }
        deliverInOrder();
    }

    /**
     * A message too large for NOTIFY came as its ids only; read it, unless no socket here needs it. Those notified
     * after it wait (the read is bounded by the store timeout): devices get ids in order, as PROTOCOL.md promises.
     */
    private void reread(MessagePublished published, Arrival arrival) {
        if (!inbox.holds(published.senderId()) && !inbox.holds(published.receiverId())) {
            arrival.ready(() -> { });
            return;
        }
        messages.findById(published.id()).subscribe().with(
                message -> {
                    arrival.ready(message == null ? () -> { } : () -> inbox.message(message, published.unread()));
                    deliverInOrder();
                },
                failure -> {
                    arrival.ready(() -> inbox.missed(published.id(), published.senderId(), published.receiverId()));
                    deliverInOrder();
                });
    }

    /** Hands over, in notification order, every arrival up to the first one still being read. */
    private void deliverInOrder() {
        // Under the lock: two threads draining at once could otherwise swap two arrivals. Handing over only
        // queues frames on sockets.
        synchronized (arrivals) {
            for (Arrival head = arrivals.peek(); head != null && head.delivery != null; head = arrivals.peek()) {
                arrivals.poll().delivery.run();
            }
        }
    }

    /** One notification, and what to do with it once known (null while its message is being re-read). */
    private static final class Arrival {
        private volatile Runnable delivery;

        void ready(Runnable delivery) {
            this.delivery = delivery;
        }
    }

    @Override
    public void messageStored(Message message, UnreadCounts unread) {
        // Nothing to do: the INSERT that stored it notified every node (this one too) in its transaction.
    }

    @Override
    public void receiptsRecorded(ReceiptEvent receipts) {
        List<Long> ids = receipts.ids();
        for (int from = 0; from < ids.size(); from += IDS_PER_NOTIFY) {
            // The unread count goes with the last part only, so that the reader's devices get it once.
            int to = Math.min(ids.size(), from + IDS_PER_NOTIFY);
            ReceiptEvent part = new ReceiptEvent(receipts.status(), receipts.by(), receipts.senderId(),
                    ids.subList(from, to), receipts.at(), to == ids.size() ? receipts.unread() : null,
                    to == ids.size() ? receipts.total() : null);
            String payload = new String(publications.receipts(node, part), StandardCharsets.UTF_8);
            pool.preparedQuery(NOTIFY).execute(Tuple.of(channel, payload)).subscribe().with(ignored -> { },
                    // Recorded, not relayed: the sender's devices get it in their next replay or in history.
                    failure -> Log.warnf("Broker postgres: receipts for %d not announced: %s", receipts.senderId(),
                            failure.toString()));
        }
    }

    @Override
    public void typing(TypingEvent event) {
        // A NOTIFY, never a table write: an event is not stored.
        String payload = new String(publications.typing(node, event), StandardCharsets.UTF_8);
        pool.preparedQuery(NOTIFY).execute(Tuple.of(channel, payload)).subscribe().with(ignored -> { },
                failure -> Log.debugf("Broker postgres: typing of %d not announced: %s", event.from(), failure.toString()));
    }

    @Override
    public void presence(PresenceEvent event) {
        String payload = new String(publications.presence(node, event), StandardCharsets.UTF_8);
        pool.preparedQuery(NOTIFY).execute(Tuple.of(channel, payload)).subscribe().with(ignored -> { },
                // The next change, or a watcher asking again, brings the state: it is in the database.
                failure -> Log.warnf("Broker postgres: presence of %d not announced: %s", event.userId(), failure.toString()));
    }

    @Override
    public Uni<Void> follow(long userId) {
        return connected ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new IllegalStateException("not listening"));
    }

    @Override
    public void unfollow(long userId) {
    }

    @Override
    public String deployment() {
        return "postgres:" + channel;
    }

    @Override
    public boolean spansNodes() {
        return true;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        subscriber.close().subscribe().with(ignored -> { }, ignored -> { });
    }
}
