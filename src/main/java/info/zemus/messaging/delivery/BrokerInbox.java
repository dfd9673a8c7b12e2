package info.zemus.messaging.delivery;

import info.zemus.messaging.config.TypingConfig;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.MessageMetrics;
import info.zemus.messaging.message.UnreadCounts;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * What the nodes publish (this one included), handed to this node's sockets. No push here: the storing
 * node decides about push. Every method may run on a broker thread; session writes are thread-safe.
 */
@ApplicationScoped
public class BrokerInbox {

    private final SessionHub hub;
    private final OutgoingFrames frames;
    private final MessageMetrics metrics;
    private final long typingExpiresInSeconds;
    private final Presence presence;

    public BrokerInbox(SessionHub hub, OutgoingFrames frames, MessageMetrics metrics, TypingConfig typing,
                       Presence presence) {
        this.presence = presence;
        this.hub = hub;
        this.frames = frames;
        this.metrics = metrics;
        this.typingExpiresInSeconds = Math.max(1, typing.expiresAfter().toSeconds());
    }

    /** A typing event: to this node's devices of its recipient. */
    public void typing(TypingEvent event) {
        List<DeviceSession> devices = hub.devicesOf(event.to());
        if (devices.isEmpty()) {
            return;
        }
        String frame = frames.typing(event.from(), event.typing(), typingExpiresInSeconds);
        devices.forEach(device -> device.sendEvent(frame));
    }

    /** A presence change from any node: to this node's sockets that watch the user. */
    public void presence(PresenceEvent event) {
        presence.changed(event);
    }

    /**
     * A stored message: to this node's devices of its recipient (with the recipient's counts, when known) and of its
     * sender.
     */
    public void message(Message message, UnreadCounts unread) {
        metrics.delivered(toRecipient(message, unread), toSender(message));
    }

    /** A stored message, for one of its two users only (per-user subjects). */
    public void messageFor(long userId, Message message, UnreadCounts unread) {
        if (userId == message.receiverId()) {
            metrics.delivered(toRecipient(message, unread), 0);
        } else {
            metrics.delivered(0, toSender(message));
        }
    }

    /** Receipts from any node: the receipt frame to the sender's devices here, the unread count to the reader's. */
    public void receipts(ReceiptEvent receipts) {
        receiptsFor(receipts.senderId(), receipts);
        receiptsFor(receipts.by(), receipts);
    }

    /** Receipts, for one of their two users only (per-user subjects). */
    public void receiptsFor(long userId, ReceiptEvent receipts) {
        List<DeviceSession> devices = hub.devicesOf(userId);
        if (devices.isEmpty()) {
            return;
        }
        String frame;
        if (userId == receipts.senderId()) {
            frame = frames.receipt(receipts.status(), receipts.by(), receipts.ids(), receipts.at());
        } else if (userId == receipts.by() && receipts.unread() != null) {
            frame = frames.unread(receipts.senderId(), receipts.unread(), receipts.total());
        } else {
            return;
        }
        devices.forEach(device -> device.sendEvent(frame));
    }

    /**
     * The broker was lost: what other nodes publish meanwhile would be missed silently, so every socket is
     * closed with 4002 and its device recovers with {@code since} (elsewhere while this node is not ready).
     */
    public void brokerLost() {
        int closed = hub.closeAll(Disconnect.BROKER_LOST);
        Log.warnf("Broker lost: %d sockets closed with %d", closed, Disconnect.BROKER_LOST.code());
    }

    /** Whether this node holds a socket of the user. */
    public boolean holds(long userId) {
        return !hub.devicesOf(userId).isEmpty();
    }

    /**
     * A message published by another node could not be read here (re-read of a large one failed): its two
     * users' sockets on this node are closed with 4002, to recover it with {@code since}.
     */
    public void missed(long messageId, long senderId, long receiverId) {
        Log.warnf("Message %d from another node could not be read: sockets of users %d and %d closed", messageId,
                senderId, receiverId);
        for (long userId : new long[] {senderId, receiverId}) {
            hub.devicesOf(userId).forEach(session -> session.connection()
                    .close(Disconnect.MESSAGE_MISSED.closeReason())
                    .subscribe().with(ignored -> { }, ignored -> { }));
        }
    }

    // A frame is written only where a device needs it: with postgres, every node hears of every message.
    private int toRecipient(Message message, UnreadCounts unread) {
        List<DeviceSession> devices = hub.devicesOf(message.receiverId());
        return devices.isEmpty() ? 0
                : DeviceSession.sendMessage(devices, message.id(), frames.messageToRecipient(message, unread));
    }

    private int toSender(Message message) {
        List<DeviceSession> devices = hub.devicesOf(message.senderId());
        return devices.isEmpty() ? 0 : DeviceSession.sendMessage(devices, message.id(), frames.message(message));
    }
}
