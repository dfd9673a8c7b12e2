package info.zemus.messaging.push;

import info.zemus.messaging.message.Message;

import java.time.Instant;

/**
 * A message to push to its recipient's devices, with the recipient's unread total right after it (the badge; null
 * when not known), given up at {@code deadline}.
 */
public record PushJob(Message message, Integer unreadTotal, Instant deadline) {

    @Override
    public String toString() {
        return "PushJob[message " + message.id() + " to " + message.receiverId() + ", until " + deadline + "]";
    }
}
