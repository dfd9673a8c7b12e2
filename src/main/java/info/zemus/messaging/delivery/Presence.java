package info.zemus.messaging.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

/**
 * Presence (presence.PresenceService) as delivery sees it: told of every socket that opens and closes, handed
 * the {@code presence} frames devices send and the changes other nodes publish. Delivery calls it through this,
 * so that it does not depend on the package that depends on it.
 */
public interface Presence {

    /** A socket of the user was registered on this node. Never blocks. */
    void connected(DeviceSession session);

    /** A registered socket closed: the user may go offline (debounced), and the socket watches nothing any more. */
    void disconnected(DeviceSession session);

    /**
     * A {@code presence} frame: the friends this socket watches. A refusal of the whole frame fails with an
     * {@code ApiException} for the caller to answer; a friend refused alone is answered here.
     */
    Uni<Void> watch(DeviceSession session, JsonNode frame);

    /** A change published by any node, this one included: to this node's sockets that watch the user. */
    void changed(PresenceEvent event);
}
