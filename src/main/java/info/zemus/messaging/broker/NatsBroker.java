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
import info.zemus.messaging.observability.ThrottledLog;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Core NATS (no JetStream: nothing is kept, a lost message is recovered from PostgreSQL with since), one
 * subject per user, {@code <prefix>.<userId>}, subscribed while that user has a socket on this node (and one for
 * presence changes, {@code <prefix>.presence}, that every node subscribes to): a
 * message goes to the nodes of its two users only. The official client reconnects by itself; while it is
 * disconnected, sockets are closed with 4002 and new ones refused.
 */
final class NatsBroker implements Broker, AutoCloseable {

    private final ThrottledLog ignored = new ThrottledLog("'Broker nats: ignored a publication'");
    private final Publications publications;
    private final BrokerInbox inbox;
    private final String node;
    private final String prefix;
    private final String presenceSubject;
    private final SharedFlush flush;
    private final Options options;
    /** Sockets per user on this node; a user is subscribed while above zero. */
    private final ConcurrentHashMap<Long, Integer> sockets = new ConcurrentHashMap<>();
    private volatile Connection connection;
    private volatile Dispatcher dispatcher;
    private volatile boolean connected;

    NatsBroker(Publications publications, BrokerInbox inbox, Node node, String servers, String prefix,
               Duration timeout, Duration reconnectDelay) {
        this.publications = publications;
        this.inbox = inbox;
        this.node = node.id();
        this.prefix = prefix + ".";
        this.presenceSubject = prefix + ".presence";
        this.flush = new SharedFlush(() -> connection, timeout);
        this.options = new Options.Builder()
                .servers(servers.split(","))
                .connectionName("zemus-" + this.node)
                .connectionTimeout(timeout)
                .maxReconnects(-1)
                .reconnectWait(reconnectDelay)
                .connectionListener(this::event)
                .build();
    }

    void start() throws InterruptedException {
        Nats.connectAsynchronously(options, true); // retries in the background until a server answers
    }

    private void event(Connection conn, ConnectionListener.Events event) {
        switch (event) {
            case CONNECTED -> {
                connection = conn;
                Dispatcher created = conn.createDispatcher(message -> received(message.getSubject(), message.getData()));
                dispatcher = created;
                sockets.keySet().forEach(userId -> created.subscribe(subject(userId)));
                created.subscribe(presenceSubject); // every node: watchers of anyone may be anywhere
                connected = true;
                Log.infof("Broker nats: node %s connected to %s", node, conn.getConnectedUrl());
            }
            case RECONNECTED, RESUBSCRIBED -> {
                connected = true;
                Log.infof("Broker nats: node %s reconnected (%s)", node, event);
            }
            case DISCONNECTED, CLOSED -> {
                if (connected) {
                    connected = false;
                    Log.warnf("Broker nats: %s", event);
                    inbox.brokerLost();
                }
            }
            default -> {
            }
        }
    }

    private void received(String subject, byte[] payload) {
        if (subject.equals(presenceSubject)) {
            try {
                if (publications.read(payload) instanceof PresencePublished presence) {
                    inbox.presence(presence.presence());
                }
            } catch (IllegalArgumentException e) {
                ignored.warn("Broker nats: ignored a publication on %s: %s", subject, e.getMessage());
            }
            return;
        }
        Publication publication;
        long userId;
        try {
            userId = Long.parseLong(subject.substring(prefix.length()));
            publication = publications.read(payload);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            ignored.warn("Broker nats: ignored a publication on %s: %s", subject, e.getMessage());
            return;
        }
        if (publication instanceof MessagePublished published && published.message() != null) {
            inbox.messageFor(userId, published.message(), published.unread());
        } else if (publication instanceof ReceiptsPublished receipts) {
            inbox.receiptsFor(userId, receipts.receipts());
        } else if (publication instanceof TypingPublished typing && typing.typing().to() == userId) {
            inbox.typing(typing.typing());
        }
    }

    @Override
    public void messageStored(Message message, UnreadCounts unread) {
        byte[] payload = publications.message(node, message, unread);
        publish(message.receiverId(), payload);
        publish(message.senderId(), payload);
    }

    @Override
    public void receiptsRecorded(ReceiptEvent receipts) {
        byte[] payload = publications.receipts(node, receipts);
        publish(receipts.senderId(), payload);
        if (receipts.unread() != null) {
            publish(receipts.by(), payload); // the reader's other devices: their unread count
        }
    }

    @Override
    public void typing(TypingEvent event) {
        publish(event.to(), publications.typing(node, event));
    }

    // Not blocking: the client queues the frame (and buffers it while reconnecting).
    private void publish(long userId, byte[] payload) {
        Connection current = connection;
        if (current == null) {
            return; // never connected: no node can hold a socket that follows through us
        }
        try {
            current.publish(subject(userId), payload);
        } catch (RuntimeException e) {
            Log.warnf("Broker nats: not published to user %d: %s", userId, e.toString());
        }
    }

    @Override
    public void presence(PresenceEvent event) {
        Connection current = connection;
        if (current == null) {
            return; // the state is in the database: a watcher connecting later reads it
        }
        try {
            current.publish(presenceSubject, publications.presence(node, event));
        } catch (RuntimeException e) {
            Log.warnf("Broker nats: presence of %d not published: %s", event.userId(), e.toString());
        }
    }

    @Override
    public Uni<Void> follow(long userId) {
        sockets.compute(userId, (id, count) -> {
            Dispatcher current = dispatcher;
            if (count == null && current != null) {
                current.subscribe(subject(id));
            }
            return count == null ? 1 : count + 1;
        });
        if (!connected) {
            return Uni.createFrom().failure(new IllegalStateException("NATS disconnected"));
        }
        return Uni.createFrom().completionStage(flush::next);
    }

    @Override
    public void unfollow(long userId) {
        sockets.computeIfPresent(userId, (id, count) -> {
            if (count > 1) {
                return count - 1;
            }
            Dispatcher current = dispatcher;
            if (current != null) {
                current.unsubscribe(subject(id));
            }
            return null;
        });
    }

    private String subject(long userId) {
        return prefix + userId;
    }

    @Override
    public String deployment() {
        return "nats:" + prefix;
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
    public void close() throws InterruptedException {
        Connection current = connection;
        if (current != null) {
            current.close();
        }
    }
}
