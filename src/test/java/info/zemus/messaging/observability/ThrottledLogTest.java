package info.zemus.messaging.observability;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A flood of refusals writes a bounded number of lines per window, and says how many it held back. */
class ThrottledLogTest {

    @Test
    void holdsBackWhatIsOverTheWindowsLinesAndStartsAfreshInTheNextWindow() {
        AtomicLong now = new AtomicLong();
        ThrottledLog log = new ThrottledLog("'test refusal'", now::get);
        for (int i = 0; i < 1_000; i++) {
            log.info("refused %d", i);
        }
        assertEquals(1_000 - ThrottledLog.LINES_PER_WINDOW, log.held());
        now.addAndGet(TimeUnit.SECONDS.toNanos(ThrottledLog.WINDOW_SECONDS));
        log.info("refused again");
        assertEquals(0, log.held(), "the next window logs again (after one line counting the held ones)");
    }
}
