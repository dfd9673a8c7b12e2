package info.zemus.messaging.delivery;

/** WebSocket close codes this service uses, beside the standard ones (1000, 1001, 1009, 1011). */
public final class CloseCodes {

    /** The peer answered no ping for two ping intervals: its network is probably gone. */
    public static final int KEEPALIVE_TIMEOUT = 4000;

    private CloseCodes() {
    }
}
