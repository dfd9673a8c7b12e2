package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.UnreadCounts;
import io.smallrye.mutiny.Uni;

/**
 * Fan-out between nodes. A node holds only its own sockets; the broker carries what one node stored or
 * recorded to the nodes holding the other sockets of the users concerned, and each node hands what it
 * receives to its own {@link SessionHub} (through {@link BrokerInbox}). Chosen by {@code zemus.broker.type}.
 *
 * <p>The node that stored a message gets it back through the broker like the others and delivers it to its
 * own sockets then ({@link FanOut} says why), so every device gets each message once, in the broker's order.
 */
public interface Broker {

    /**
     * Called once the message is committed: to every node holding a socket of its users, this one included, with
     * the recipient's counts right after it (or null). Never throws, never blocks.
     */
    void messageStored(Message message, UnreadCounts unread);

    /** Called once receipts are committed: to the nodes holding the sender's sockets, this one included. Never throws, never blocks. */
    void receiptsRecorded(ReceiptEvent receipts);

    /** A typing event: to the nodes holding the recipient's sockets, this one included. Never throws, never blocks. */
    void typing(TypingEvent event);

    /** A presence change: to every node (those with sockets watching the user keep it). Never throws, never blocks. */
    void presence(PresenceEvent event);

    /**
     * Called for every socket once registered: completes once whatever other nodes publish for its user
     * reaches this node, so that "ready" promises no gap. Fails when the broker is down.
     */
    Uni<Void> follow(long userId);

    /** Called once for every socket that closed (one per {@link #follow}, even a failed one). */
    void unfollow(long userId);

    /**
     * What names the nodes that share this broker (its type, and its channel or subject prefix): a node sweeps the
     * presence of dead nodes of its own deployment only, whose watchers it can reach, not of another sharing the
     * database.
     */
    String deployment();

    /** False for the one-node broker: then a recipient without a socket here has none anywhere. */
    boolean spansNodes();

    /** Whether this node currently receives what the other nodes publish (readiness). */
    boolean connected();
}
