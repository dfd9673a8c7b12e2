package info.zemus.messaging.auth;

import io.quarkus.logging.Log;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * INFO lines about refused tokens and upgrades, at most {@link #LINES_PER_WINDOW} per {@link #WINDOW_SECONDS}
 * seconds: a flood of forged tokens costs one line per refusal otherwise, and fills the disk. What is held back is
 * counted and said in one line when the next window opens. The metrics count every refusal.
 */
final class RefusalLog {

    /** Enough to see what happens during an incident; a flood shows as the count of the rest. */
    static final int LINES_PER_WINDOW = 20;
    static final long WINDOW_SECONDS = 10;

    private final String what;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int lines;
    private int held;

    RefusalLog(String what) {
        this(what, System::nanoTime);
    }

    RefusalLog(String what, LongSupplier nanoTime) {
        this.what = what;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs the line unless this window's lines are spent. */
    void info(String format, Object... arguments) {
        int heldBefore = 0;
        boolean log;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - windowStart >= TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)) {
                heldBefore = held;
                windowStart = now;
                lines = 0;
                held = 0;
            }
            log = lines < LINES_PER_WINDOW;
            if (log) {
                lines++;
            } else {
                held++;
            }
        }
        if (heldBefore > 0) {
            Log.infof("%d more lines of %s were held back in %d s", heldBefore, what, WINDOW_SECONDS);
        }
        if (log) {
            Log.infof(format, arguments);
        }
    }

    /** Lines held back in the current window (for tests). */
    synchronized int held() {
        return held;
    }
}
