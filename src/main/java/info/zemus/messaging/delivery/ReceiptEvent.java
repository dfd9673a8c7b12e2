package info.zemus.messaging.delivery;

import java.time.Instant;
import java.util.List;

/** Receipts just recorded, for the devices of the messages' sender: one {@code receipt} frame. */
public record ReceiptEvent(String status, long by, long senderId, List<Long> ids, Instant at) {
}
