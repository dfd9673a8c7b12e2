package info.zemus.messaging.delivery;

/** WebSocket close codes this service uses, beside the standard ones (1000, 1001, 1009, 1011). */
public final class CloseCodes {

    /** Standard code: the node is shutting down; reconnect (to another node) with since. */
    public static final int GOING_AWAY = 1001;

    /** Standard code: the client kept sending malformed frames. */
    public static final int POLICY_VIOLATION = 1008;

    /** Standard code: the server could not serve the connection (e.g. the replay failed); reconnect. */
    public static final int INTERNAL_ERROR = 1011;

    /** Standard code: the client did not read its frames fast enough (its queue overflowed); reconnect with since. */
    public static final int TRY_AGAIN_LATER = 1013;

    /** Standard code: the client sent a frame or message over the size limit. */
    public static final int MESSAGE_TOO_BIG = 1009;

    /** The peer answered no ping for two ping intervals: its network is probably gone. */
    public static final int KEEPALIVE_TIMEOUT = 4000;

    /** The user opened more connections than allowed: this, their oldest, was closed. */
    public static final int TOO_MANY_CONNECTIONS = 4001;

    /**
     * This node lost its broker (the link to the other nodes): messages stored elsewhere may not reach this
     * socket. Reconnect with since, to another node if this one is not ready.
     */
    public static final int BROKER_LOST = 4002;

    /**
     * The client sent frames faster than they could be handled ({@code zemus.ws.max-pending-frames} were waiting).
     * Reconnect with since, and wait for answers (an {@code ack} per send) before sending more.
     */
    public static final int TOO_MANY_PENDING_FRAMES = 4003;

    private CloseCodes() {
    }
}
