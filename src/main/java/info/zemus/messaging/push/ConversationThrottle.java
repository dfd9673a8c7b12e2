package info.zemus.messaging.push;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.message.Message;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * At most one push per conversation (sender to recipient) per {@code zemus.push.collapse-interval}: a
 * burst of ten messages buzzes the phone once, and the notification (collapsed by the conversation's key)
 * leads to all of them. Bounded, so that a flood of conversations cannot grow it without limit.
 */
@ApplicationScoped
public class ConversationThrottle {

    private static final long MAX_CONVERSATIONS = 100_000;

    private final Cache<String, Boolean> recent;

    public ConversationThrottle(PushConfig config) {
        this.recent = config.collapseInterval().isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(config.collapseInterval())
                .maximumSize(MAX_CONVERSATIONS)
                .build();
    }

    /** True when the message may be pushed: no push of its conversation within the interval. */
    public boolean pass(Message message) {
        return recent == null
                || recent.asMap().putIfAbsent(message.receiverId() + "/" + message.senderId(), Boolean.TRUE) == null;
    }
}
