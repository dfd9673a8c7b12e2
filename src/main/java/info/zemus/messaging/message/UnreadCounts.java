package info.zemus.messaging.message;

/**
 * A recipient's unread counts right after a message was stored, from the statement that stored it: {@code unread}
 * from its sender, and {@code total} in all conversations. They go to the recipient's devices (an {@code unread}
 * frame) and push (the badge).
 */
public record UnreadCounts(int unread, int total) {
}
