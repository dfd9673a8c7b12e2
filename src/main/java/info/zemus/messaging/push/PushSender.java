package info.zemus.messaging.push;

import info.zemus.messaging.push.PushMetrics.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Pushes one message to every device of its recipient, unless a device acknowledged it meanwhile, and
 * acts on each answer: a dead token deletes the device, a transient failure is retried after the
 * provider's {@code Retry-After} or our backoff until the push's deadline, anything else is logged.
 */
@ApplicationScoped
public class PushSender {

    private final PushTargets targets;
    private final DeviceRegistry registry;
    private final PushProvider provider;
    private final PushPayloads payloads;
    private final Backoff backoff;
    private final PushMetrics metrics;

    public PushSender(PushTargets targets, DeviceRegistry registry, PushProvider provider, PushPayloads payloads,
                      Backoff backoff, PushMetrics metrics) {
        this.targets = targets;
        this.registry = registry;
        this.provider = provider;
        this.payloads = payloads;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /**
     * Completes when every device got its final outcome or has its retry handed to {@code retries} (which brings
     * the next attempt back later, through the queue); never fails.
     */
    public Uni<Void> push(PushJob job, PushQueue.Retries retries) {
        return targets.of(job.message())
                .chain(targets -> {
                    if (!targets.pending()) {
                        metrics.skipped(PushMetrics.Skip.ACKNOWLEDGED); // read or delivered meanwhile
                        return Uni.createFrom().voidItem();
                    }
                    if (targets.devices().isEmpty()) {
                        metrics.skipped(PushMetrics.Skip.NO_DEVICE);
                        return Uni.createFrom().voidItem();
                    }
                    PushPayload payload = payloads.of(job);
                    List<Uni<Void>> sends = targets.devices().stream()
                            .map(device -> attempt(device, payload, job.deadline(), 0, retries)).toList();
                    return Uni.join().all(sends).andCollectFailures().replaceWithVoid();
                })
                .onFailure().recoverWithUni(failure -> {
                    metrics.dropped(PushMetrics.Drop.DATABASE);
                    Log.warnf("Push of message %d dropped: %s", job.message().id(), failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> attempt(Device device, PushPayload payload, Instant deadline, int retries, PushQueue.Retries later) {
        return provider.send(device, payload)
                .onFailure().recoverWithItem(failure -> PushOutcome.retry(null, "error"))
                .chain(outcome -> switch (outcome.kind()) {
                    case SENT -> {
                        metrics.sent(provider.name(), Outcome.SENT);
                        Log.debugf("Pushed message %d to device %s of user %d", (Object) payload.messageId(),
                                device.installationId(), device.userId());
                        yield Uni.createFrom().voidItem();
                    }
                    case DEAD_TOKEN -> {
                        metrics.sent(provider.name(), Outcome.DEAD_TOKEN);
                        Log.infof("Push token of device %s of user %d is dead (%s): device deleted",
                                device.installationId(), device.userId(), outcome.reason());
                        yield registry.forgetDeadToken(device)
                                .onFailure().recoverWithItem(failure -> {
                                    Log.warnf("Could not delete device %s: %s", device.installationId(), failure.toString());
                                    return false;
                                })
                                .replaceWithVoid();
                    }
                    case FAILED -> {
                        metrics.sent(provider.name(), Outcome.FAILED);
                        Log.warnf("Push of message %d to device %s of user %d refused by %s (%s)", payload.messageId(),
                                device.installationId(), device.userId(), provider.name(), outcome.reason());
                        yield Uni.createFrom().voidItem();
                    }
                    case RETRY -> retry(device, payload, deadline, retries, outcome, later);
                });
    }

    private Uni<Void> retry(Device device, PushPayload payload, Instant deadline, int retries, PushOutcome outcome,
                            PushQueue.Retries later) {
        Duration wait = outcome.retryAfter() != null ? outcome.retryAfter() : backoff.after(retries);
        if (Instant.now().plus(wait).isAfter(deadline)) {
            metrics.sent(provider.name(), Outcome.EXPIRED);
            Log.warnf("Push of message %d to device %s of user %d given up after %d attempts (%s)", payload.messageId(),
                    device.installationId(), device.userId(), retries + 1, outcome.reason());
            return Uni.createFrom().voidItem();
        }
        metrics.retried(provider.name());
        // The wait holds no sender: the next attempt comes back through the queue.
        later.after(wait, payload.messageId(), () -> attempt(device, payload, deadline, retries + 1, later));
        return Uni.createFrom().voidItem();
    }
}
