package info.zemus.messaging.delivery;

/** User {@code from} started ({@code typing}) or stopped typing to user {@code to}: for {@code to}'s devices only. */
public record TypingEvent(long from, long to, boolean typing) {
}
