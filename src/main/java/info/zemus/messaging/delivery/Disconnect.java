package info.zemus.messaging.delivery;

import io.quarkus.websockets.next.CloseReason;

/**
 * Every way this service closes a socket: its close code, its reason, and what the client should do (docs/PROTOCOL.md,
 * "Close codes"). Codes 1000-1015 are the standard ones; 4000 and up are this service's.
 */
public enum Disconnect {

    /** The node is stopping: reconnect, to another node. */
    SHUTTING_DOWN(1001, "server shutting down", Then.RECONNECT_WITH_SINCE),
    /** The token was checked again and is no longer valid. */
    TOKEN_NO_LONGER_VALID(1008, "token no longer valid", Then.NEW_TOKEN_THEN_RECONNECT_WITH_SINCE),
    /** An inbound message over {@code max-message-size}. */
    MESSAGE_TOO_BIG(1009, "message too big", Then.FIX_THE_CLIENT),
    /** The replay of a reconnecting device failed. */
    REPLAY_FAILED(1011, "replay failed", Then.RECONNECT_WITH_SINCE),
    /** The client did not read its frames: its queue went over {@code zemus.ws.max-queued-bytes}. */
    SLOW_CONSUMER(1013, "slow consumer", Then.RECONNECT_WITH_SINCE),
    /** No pong for two ping intervals: the peer's network is probably gone. */
    KEEPALIVE_TIMEOUT(4000, "keepalive timeout", Then.RECONNECT_WITH_SINCE),
    /** The user opened more connections than allowed: this was their oldest. */
    TOO_MANY_CONNECTIONS(4001, "too many connections", Then.STAY_CLOSED),
    /** This node lost its link to the other nodes: a message stored elsewhere could be missed. */
    BROKER_LOST(4002, "broker lost: reconnect with since", Then.RECONNECT_WITH_SINCE),
    /** Sent instead of "ready" when the broker is down at connect time. */
    BROKER_UNAVAILABLE(4002, "broker unavailable: reconnect with since", Then.RECONNECT_WITH_SINCE),
    /** A message from another node could not be read. */
    MESSAGE_MISSED(4002, "message missed: reconnect with since", Then.RECONNECT_WITH_SINCE),
    /** Over {@code zemus.ws.max-pending-frames} frames waited to be handled. */
    TOO_MANY_PENDING_FRAMES(4003, "too many frames waiting", Then.RECONNECT_WITH_SINCE),
    /** Over {@code zemus.ws.max-invalid-frames} malformed frames (until 2026-12: 1008). */
    TOO_MANY_INVALID_FRAMES(4004, "too many malformed frames", Then.FIX_THE_CLIENT);

    /** What the client should do next. */
    public enum Then {
        RECONNECT_WITH_SINCE,
        NEW_TOKEN_THEN_RECONNECT_WITH_SINCE,
        /** Another device of the user took this one's place. */
        STAY_CLOSED,
        /** The client broke the protocol: reconnecting would do it again. */
        FIX_THE_CLIENT
    }

    private final int code;
    private final String reason;
    private final Then then;

    Disconnect(int code, String reason, Then then) {
        this.code = code;
        this.reason = reason;
        this.then = then;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public Then then() {
        return then;
    }

    CloseReason closeReason() {
        return new CloseReason(code, reason);
    }
}
