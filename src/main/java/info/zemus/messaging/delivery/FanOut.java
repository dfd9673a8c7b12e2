package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Message;
import info.zemus.messaging.metrics.MessageMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Hands a stored message to every open device of its recipient and of its sender (multi-device sync),
 * and to push, which decides whether and when to notify (see {@link PushNotifier}). The frame is
 * serialized once; each write is asynchronous, so a slow or dead connection never holds up the others.
 */
@ApplicationScoped
public class FanOut {

    private final SessionHub hub;
    private final Frames frames;
    private final PushNotifier push;
    private final MessageMetrics metrics;

    public FanOut(SessionHub hub, Frames frames, PushNotifier push, MessageMetrics metrics) {
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
            push.handOver(message, recipients.size());
            if (recipients.isEmpty()) {
                metrics.pushed();
                delivery = new Delivery(0, true);
            } else {
                sendAll(recipients, frame, message);
                delivery = new Delivery(recipients.size(), false);
            }
            List<DeviceSession> senders = hub.devicesOf(message.senderId());
            sendAll(senders, frame, message);
            metrics.delivered(recipients.size(), senders.size());
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
