package info.zemus.messaging.config;

import java.time.Duration;

/** Limits that are not settings, in one place, each with why it is fixed. */
public final class FixedLimits {

    /**
     * Ping intervals of silence after which a socket is closed (4000). One missed pong proves nothing on a mobile
     * network; two do, and a third would keep dead sockets (and their memory) a whole interval longer.
     */
    public static final int SILENT_INTERVALS_BEFORE_CLOSE = 2;

    /**
     * How long a stopping node waits for its sockets to finish closing (1001). A close handshake takes
     * milliseconds on a live network; a dead peer never answers, and the shutdown must go on.
     */
    public static final Duration SOCKETS_CLOSE_WAIT = Duration.ofSeconds(2);

    /** Messages in a history page when the client asks for no size: a phone's screen or two. */
    public static final int HISTORY_PAGE_DEFAULT = 50;

    /**
     * The largest history page: part of the REST contract (PROTOCOL.md, OpenAPI), and it bounds how long one
     * request holds a pool connection.
     */
    public static final int HISTORY_PAGE_MAX = 200;

    /** Conversations in a page of the list when the client asks for no size: a phone's screen or two. */
    public static final int CONVERSATION_PAGE_DEFAULT = 30;

    /** The largest page of the conversation list: part of the REST contract, and it bounds one request's work. */
    public static final int CONVERSATION_PAGE_MAX = 100;

    /** Most ids in one {@code delivered} frame: part of the protocol, and it bounds the UPDATE one frame causes. */
    public static final int RECEIPT_IDS_PER_FRAME = 500;

    private FixedLimits() {
    }
}
