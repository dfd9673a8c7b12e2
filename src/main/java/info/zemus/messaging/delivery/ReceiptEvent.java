package info.zemus.messaging.delivery;

import java.time.Instant;
import java.util.List;

/**
 * Receipts just recorded: for the devices of the messages' sender, one {@code receipt} frame; after a read, for the
 * reader's ({@code by}) devices, an {@code unread} frame with {@code unread}, what is left unread from the sender,
 * and {@code total}, in all (both null for {@code delivered}).
 */
public record ReceiptEvent(String status, long by, long senderId, List<Long> ids, Instant at, Integer unread,
                           Integer total) {
}
