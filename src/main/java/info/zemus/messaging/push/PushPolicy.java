package info.zemus.messaging.push;

import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.delivery.PushNotifier;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.UnreadCounts;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * When a message is pushed. Not reached on this node: at once. Handed to open sockets: only if no device
 * acknowledged it ({@code delivered} or {@code read}) within {@code zemus.push.ack-timeout}, as read from
 * the database, since a socket may belong to a phone gone to sleep. At most one push per conversation per
 * {@code zemus.push.collapse-interval}. A message read (or delivered) before its push goes out is not
 * pushed ({@link PushSender} checks again), and only the recipient's devices are ever pushed, never the
 * sender's. Everything here is O(1) and never blocks: fan-out calls it on the event loop.
 */
@ApplicationScoped
public class PushPolicy implements PushNotifier {

    private final boolean enabled;
    private final Duration ttl;
    private final PushQueue queue;
    private final AckWatch ackWatch;
    private final ConversationThrottle throttle;
    private final PushMetrics metrics;

    public PushPolicy(PushConfig config, PushQueue queue, AckWatch ackWatch, ConversationThrottle throttle,
                      PushMetrics metrics) {
        this.enabled = config.provider() != PushConfig.Provider.NONE;
        this.ttl = config.ttl();
        this.queue = queue;
        this.ackWatch = ackWatch;
        this.throttle = throttle;
        this.metrics = metrics;
        ackWatch.onUnacknowledged(this::pushNow);
    }

    @Override
    public boolean handOver(Message message, UnreadCounts unread, int devicesReached) {
        if (!enabled) {
            return false;
        }
        Integer unreadTotal = unread == null ? null : unread.total();
        if (devicesReached == 0) {
            return pushNow(message, unreadTotal);
        }
        ackWatch.watch(message, unreadTotal);
        return false;
    }

    @Override
    public void handOverReachUnknown(Message message, UnreadCounts unread) {
        if (enabled) {
            ackWatch.watch(message, unread == null ? null : unread.total()); // pushed after the timeout, unless a device on any node acknowledged it
        }
    }

    /** Queues a push unless its conversation was pushed just now; whether it was queued. */
    private boolean pushNow(Message message, Integer unreadTotal) {
        if (!throttle.pass(message)) {
            metrics.skipped(PushMetrics.Skip.COLLAPSED);
            return false;
        }
        return queue.offer(new PushJob(message, unreadTotal, Instant.now().plus(ttl)));
    }
}
