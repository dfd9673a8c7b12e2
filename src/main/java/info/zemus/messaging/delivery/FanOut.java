package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Deliverer;
import info.zemus.messaging.message.Delivery;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.MessageMetrics;
import info.zemus.messaging.message.UnreadCounts;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Hands a stored message to every open device of its recipient (with the recipient's new unread counts, so that
 * badges follow) and of its sender (multi-device sync), and to push, which decides whether and when to notify
 * (see {@link PushNotifier}). With several nodes, hands it to the {@link Broker} instead, which brings it to every
 * node's devices, this one's included. Each frame is serialized once (one for the recipient's devices, one for the
 * sender's); each write is asynchronous, so a slow or dead connection never holds up the others.
 */
@ApplicationScoped
public class FanOut implements Deliverer {

    private final SessionHub hub;
    private final OutgoingFrames frames;
    private final PushNotifier push;
    private final MessageMetrics metrics;
    private final Broker broker;
    private final boolean spansNodes;

    public FanOut(SessionHub hub, OutgoingFrames frames, PushNotifier push, MessageMetrics metrics, Broker broker) {
        this.broker = broker;
        this.spansNodes = broker.spansNodes();
        this.hub = hub;
        this.frames = frames;
        this.push = push;
        this.metrics = metrics;
    }

    /**
     * Never throws: the message is already stored, delivery is best effort and recoverable (a device
     * that missed it gets it back with {@code since} when it reconnects).
     */
    @Override
    public Delivery deliver(Message message, UnreadCounts unread) {
        try {
            if (spansNodes) {
                return throughBroker(message, unread);
            }
            List<DeviceSession> recipients = hub.devicesOf(message.receiverId());
            Delivery delivery;
            boolean pushed = push.handOver(message, unread, recipients.size());
            if (recipients.isEmpty()) {
                if (pushed) {
                    metrics.pushed();
                }
                delivery = new Delivery(0, pushed);
            } else {
                DeviceSession.sendMessage(recipients, message.id(), frames.messageToRecipient(message, unread));
                delivery = new Delivery(recipients.size(), false);
            }
            List<DeviceSession> senders = hub.devicesOf(message.senderId());
            if (!senders.isEmpty()) {
                DeviceSession.sendMessage(senders, message.id(), frames.message(message));
            }
            metrics.delivered(recipients.size(), senders.size());
            return delivery;
        } catch (RuntimeException e) {
            Log.errorf(e, "Delivery of message %d failed", message.id());
            return new Delivery(0, false);
        }
    }

    /**
     * Several nodes: this node's sockets get the message back from the broker like every other node's
     * (BrokerInbox), not at once from here. Delivered first here, a message could overtake an older one
     * still on its way from another node, and a device reconnecting with since at that moment would miss
     * the older one; through the broker, every node sees messages in the broker's order (PostgreSQL:
     * commit order). One path also means no echo to skip: each device gets each message once.
     */
    private Delivery throughBroker(Message message, UnreadCounts unread) {
        int recipients = hub.devicesOf(message.receiverId()).size();
        broker.messageStored(message, unread);
        // No socket here does not mean offline: the recipient may be on another node, which this one
        // cannot know. Push decides from the database whether a device acknowledged it in time.
        push.handOverReachUnknown(message, unread);
        return new Delivery(recipients, false);
    }
}
