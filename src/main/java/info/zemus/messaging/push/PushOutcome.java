package info.zemus.messaging.push;

import java.time.Duration;

/**
 * What a provider answered for one push to one device. {@code retryAfter} is the provider's
 * {@code Retry-After} when it gave one (else null: our backoff decides); {@code reason} is a short
 * fixed word for the log, never the provider's text.
 */
public record PushOutcome(Kind kind, Duration retryAfter, String reason) {

    public enum Kind {
        /** Accepted by the provider. */
        SENT,
        /** The token will never work again: delete the device. */
        DEAD_TOKEN,
        /** Transient (5xx, 429, timeout, connection lost): try again, not before {@code retryAfter} if set. */
        RETRY,
        /** Refused for good, for a reason that is ours (payload, credentials): keep the device, do not retry. */
        FAILED
    }

    public static PushOutcome sent() {
        return new PushOutcome(Kind.SENT, null, "sent");
    }

    public static PushOutcome deadToken(String reason) {
        return new PushOutcome(Kind.DEAD_TOKEN, null, reason);
    }

    public static PushOutcome retry(Duration retryAfter, String reason) {
        return new PushOutcome(Kind.RETRY, retryAfter, reason);
    }

    public static PushOutcome failed(String reason) {
        return new PushOutcome(Kind.FAILED, null, reason);
    }
}
