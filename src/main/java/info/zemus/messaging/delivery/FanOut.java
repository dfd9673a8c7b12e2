package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Message;
import info.zemus.messaging.metrics.MessageMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Hands a stored message to every open device of its recipient and of its sender (multi-device sync) on
 * this node, then to the {@link Broker} for the other nodes; or to push when the recipient has no device
 * and there is only one node. The frame is serialized once; each write is asynchronous, so
 * a slow or dead connection never holds up the others.
 */
@ApplicationScoped
public class FanOut {

    private final SessionHub hub;
    private final Frames frames;
    private final PushNotifier push;
    private final MessageMetrics metrics;
    private final Broker broker;
    private final boolean spansNodes;

    public FanOut(SessionHub hub, Frames frames, PushNotifier push, MessageMetrics metrics, Broker broker) {
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
    public Delivery deliver(Message message) {
        try {
            String frame = frames.message(message);
            List<DeviceSession> recipients = hub.devicesOf(message.receiverId());
            Delivery delivery;
            if (recipients.isEmpty() && spansNodes) {
                // With several nodes, no socket here does not mean offline: the recipient may be on another
                // node, which this one cannot know. No push at once; the push branch decides later (issue 8).
                delivery = new Delivery(0, false);
            } else if (recipients.isEmpty()) {
                push.notifyOffline(message);
                metrics.pushed();
                delivery = new Delivery(0, true);
            } else {
                sendAll(recipients, frame, message);
                delivery = new Delivery(recipients.size(), false);
            }
            List<DeviceSession> senders = hub.devicesOf(message.senderId());
            sendAll(senders, frame, message);
            metrics.delivered(recipients.size(), senders.size());
            broker.messageStored(message); // the other nodes, for the sockets they hold
            return delivery;
        } catch (RuntimeException e) {
            Log.errorf(e, "Delivery of message %d failed", message.id());
            return new Delivery(0, false);
        }
    }

    private static void sendAll(List<DeviceSession> sessions, String frame, Message message) {
        for (DeviceSession session : sessions) {
            session.sendMessage(message.id(), frame);
        }
    }
}
