package info.zemus.messaging.push;

import info.zemus.messaging.message.Message;

import java.time.Instant;

/** A message to push to its recipient's devices, given up at {@code deadline}. */
public record PushJob(Message message, Instant deadline) {

    @Override
    public String toString() {
        return "PushJob[message " + message.id() + " to " + message.receiverId() + ", until " + deadline + "]";
    }
}
