package info.zemus.messaging.push;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** The default provider: a log line per push, with ids only, so that nothing leaves the node unless configured. */
public class LogProvider implements PushProvider {

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Uni<PushOutcome> send(Device device, PushPayload payload) {
        Log.infof("Push (log provider): message %d from %d to device %s of user %d", payload.messageId(),
                payload.senderId(), device.installationId(), device.userId());
        return Uni.createFrom().item(PushOutcome.sent());
    }
}
