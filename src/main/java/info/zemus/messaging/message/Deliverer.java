package info.zemus.messaging.message;

/**
 * Hands a stored message to its users' devices and to push (delivery.FanOut): the send path reaches delivery
 * through this, so that this package does not depend on the one that depends on it.
 */
public interface Deliverer {

    /**
     * Never throws: the message is stored; delivery is best effort and recoverable with {@code since}.
     * {@code unread}: the recipient's counts right after it, or null when not known (a retry's second delivery).
     */
    Delivery deliver(Message message, UnreadCounts unread);
}
