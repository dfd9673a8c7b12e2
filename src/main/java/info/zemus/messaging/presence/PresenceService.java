package info.zemus.messaging.presence;

import com.fasterxml.jackson.databind.JsonNode;
import info.zemus.messaging.config.PresenceConfig;
import info.zemus.messaging.delivery.DeviceSession;
import info.zemus.messaging.delivery.Presence;
import info.zemus.messaging.delivery.PresenceEvent;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Presence as delivery uses it: sockets opening and closing go to {@link PresenceTracker}, watch frames and
 * published changes to {@link PresenceWatchers}. With {@code zemus.presence.enabled=false}, nothing is tracked and
 * a watch frame is refused with {@code presence_disabled}.
 */
@ApplicationScoped
class PresenceService implements Presence {

    private final PresenceTracker tracker;
    private final PresenceWatchers watchers;
    private final boolean enabled;

    PresenceService(PresenceTracker tracker, PresenceWatchers watchers, PresenceConfig config) {
        this.tracker = tracker;
        this.watchers = watchers;
        this.enabled = config.enabled();
    }

    @Override
    public void connected(DeviceSession session) {
        tracker.connected(session.userId());
    }

    @Override
    public void disconnected(DeviceSession session) {
        watchers.forget(session);
        tracker.disconnected(session.userId());
    }

    @Override
    public Uni<Void> watch(DeviceSession session, JsonNode frame) {
        if (!enabled) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.PRESENCE_DISABLED, "Presence is off on this service"));
        }
        return watchers.watch(session, frame);
    }

    @Override
    public void changed(PresenceEvent event) {
        watchers.changed(event);
    }
}
