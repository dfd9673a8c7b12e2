package info.zemus.messaging.push;

import io.smallrye.mutiny.Uni;

/**
 * One way to reach a device ({@code zemus.push.provider}): FCM, a webhook, or the log. A send makes one
 * attempt and never fails: every failure is an outcome, so that retries and device clean-up live in one
 * place ({@link PushSender}).
 */
public interface PushProvider {

    /** The provider's name in metrics and logs ({@code fcm}, {@code webhook}, {@code log}). */
    String name();

    /** One attempt to push the payload to the device. */
    Uni<PushOutcome> send(Device device, PushPayload payload);
}
