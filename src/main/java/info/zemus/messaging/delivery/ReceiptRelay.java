package info.zemus.messaging.delivery;

import info.zemus.messaging.message.ReceiptRepository;
import info.zemus.messaging.message.ReceiptRepository.Receipt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records a device's receipts and tells the senders' open devices (through the broker with several nodes), one frame per sender. */
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
        return receipts.markDelivered(recipientId, ids).invoke(recorded -> notifySenders("delivered", recipientId, recorded))
                .replaceWithVoid();
    }

    public Uni<Void> read(long recipientId, long senderId, long upTo) {
        return receipts.markRead(recipientId, senderId, upTo).invoke(recorded -> notifySenders("read", recipientId, recorded))
                .replaceWithVoid();
    }

    private void notifySenders(String status, long recipientId, List<Receipt> recorded) {
        Map<Long, List<Receipt>> bySender = new LinkedHashMap<>();
        for (Receipt receipt : recorded) {
            bySender.computeIfAbsent(receipt.senderId(), ignored -> new ArrayList<>()).add(receipt);
        }
        bySender.forEach((senderId, theirs) -> {
            List<Long> ids = theirs.stream().map(Receipt::messageId).sorted().toList();
            if (broker.spansNodes()) {
                // To every node, this one included, like messages (FanOut): one path, one frame per device.
                broker.receiptsRecorded(new ReceiptEvent(status, recipientId, senderId, ids, theirs.get(0).at()));
                return;
            }
            List<DeviceSession> devices = hub.devicesOf(senderId);
            if (devices.isEmpty()) {
                return; // they will see the receipts in replay or history
            }
            String frame = frames.receipt(status, recipientId, ids, theirs.get(0).at());
            devices.forEach(device -> device.write(frame));
        });
    }
}
