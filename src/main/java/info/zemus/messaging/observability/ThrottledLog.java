package info.zemus.messaging.observability;

import io.quarkus.logging.Log;
import org.jboss.logging.Logger.Level;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lines about what strangers can cause at will (refused tokens and upgrades, forged publications), at most
 * {@link #LINES_PER_WINDOW} per {@link #WINDOW_SECONDS} seconds: a flood would cost one line each otherwise, and
 * fill the disk. What is held back is counted and said in one line when the next window opens. The metrics
 * count every event.
 */
public final class ThrottledLog {

    /** Enough to see what happens during an incident; a flood shows as the count of the rest. */
    static final int LINES_PER_WINDOW = 20;
    static final long WINDOW_SECONDS = 10;

    private final String what;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int lines;
    private int held;

    public ThrottledLog(String what) {
        this(what, System::nanoTime);
    }

    ThrottledLog(String what, LongSupplier nanoTime) {
        this.what = what;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs the line at INFO unless this window's lines are spent. */
    public void info(String format, Object... arguments) {
        log(Level.INFO, format, arguments);
    }

    /** Logs the line at WARN unless this window's lines are spent. */
    public void warn(String format, Object... arguments) {
        log(Level.WARN, format, arguments);
    }

    private void log(Level level, String format, Object... arguments) {
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
            Log.logf(level, "%d more lines of %s were held back in %d s", heldBefore, what, WINDOW_SECONDS);
        }
        if (log) {
            Log.logf(level, format, arguments);
        }
    }
}
