package info.zemus.messaging.message;

/** What happened to a message right after it was stored: how many recipient devices got it, or push. */
public record Delivery(int devices, boolean pushed) {
}
