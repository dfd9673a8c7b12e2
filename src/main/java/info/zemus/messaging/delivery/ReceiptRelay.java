package info.zemus.messaging.delivery;

import info.zemus.messaging.message.ReceiptRepository;
import info.zemus.messaging.message.ReceiptRepository.Receipt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a device's receipts and tells the senders' open devices, one frame per sender; after a read, the reader's
 * devices too, with what is left unread (an {@code unread} frame, so that every badge follows). Through the broker
 * with several nodes.
 */
@ApplicationScoped
public class ReceiptRelay {

    private final ReceiptRepository receipts;
    private final SessionHub hub;
    private final OutgoingFrames frames;
    private final Broker broker;

    public ReceiptRelay(ReceiptRepository receipts, SessionHub hub, OutgoingFrames frames, Broker broker) {
        this.broker = broker;
        this.receipts = receipts;
        this.hub = hub;
        this.frames = frames;
    }

    public Uni<Void> delivered(long recipientId, List<Long> ids) {
        return receipts.markDelivered(recipientId, ids)
                .invoke(recorded -> notifySenders("delivered", recipientId, recorded, null, null))
                .replaceWithVoid();
    }

    /** Marks read what the recipient got from the sender up to {@code upTo}; completes with what is left unread. */
    public Uni<ReceiptRepository.Reads> read(long recipientId, long senderId, long upTo) {
        return receipts.markRead(recipientId, senderId, upTo)
                .invoke(reads -> notifySenders("read", recipientId, reads.marked(), reads.unread(), reads.total()));
    }

    /** The user's unread total, in all conversations. */
    public Uni<Integer> unreadTotal(long userId) {
        return receipts.unreadTotal(userId);
    }

    private void notifySenders(String status, long recipientId, List<Receipt> recorded, Integer unread, Integer total) {
        Map<Long, List<Receipt>> bySender = new LinkedHashMap<>();
        for (Receipt receipt : recorded) {
            bySender.computeIfAbsent(receipt.senderId(), ignored -> new ArrayList<>()).add(receipt);
        }
        bySender.forEach((senderId, theirs) -> {
            List<Long> ids = theirs.stream().map(Receipt::messageId).sorted().toList();
            if (broker.spansNodes()) {
                // To every node, this one included, like messages (FanOut): one path, one frame per device.
                broker.receiptsRecorded(new ReceiptEvent(status, recipientId, senderId, ids, theirs.get(0).at(), unread,
                        total));
                return;
            }
            // Those not connected see the receipts in replay or history, and the counts in the conversation list.
            String frame = frames.receipt(status, recipientId, ids, theirs.get(0).at());
            hub.devicesOf(senderId).forEach(device -> device.sendEvent(frame));
            if (unread != null) {
                String left = frames.unread(senderId, unread, total);
                hub.devicesOf(recipientId).forEach(device -> device.sendEvent(left));
            }
        });
    }
}
