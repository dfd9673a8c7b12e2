package info.zemus.messaging.lifecycle;

/** A node that refuses to start on unsafe settings says why on stderr too, not only in the log. */
public final class Refusal {

    private Refusal() {
    }

    /**
     * The exception that stops the start, its reason written to stderr first: unbuffered, so that ops see it even
     * when the log's last lines are lost to the exit (seen about once in a dozen failed starts of the native
     * executable).
     */
    public static IllegalStateException toStart(String reason) {
        System.err.println("Zemus Messaging does not start: " + reason);
        return new IllegalStateException(reason);
    }
}
