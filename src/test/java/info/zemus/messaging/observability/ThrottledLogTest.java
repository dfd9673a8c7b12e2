package info.zemus.messaging.observability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A flood of refusals writes a bounded number of lines per window, and says how many it held back. */
class ThrottledLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(ThrottledLog.class.getName());
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void detach() {
        logger.removeHandler(recorder);
    }

    @Test
    void holdsBackWhatIsOverTheWindowsLinesAndStartsAfreshInTheNextWindow() {
        logger.addHandler(recorder);
        AtomicLong now = new AtomicLong();
        ThrottledLog log = new ThrottledLog("'test refusal'", now::get);
        for (int i = 0; i < 1_000; i++) {
            log.info("refused %d", i);
        }
        assertEquals(ThrottledLog.LINES_PER_WINDOW, lines.size(), lines.toString());
        now.addAndGet(TimeUnit.SECONDS.toNanos(ThrottledLog.WINDOW_SECONDS));
        log.info("refused again");
        assertEquals(List.of("980 more lines of 'test refusal' were held back in 10 s", "refused again"),
                lines.subList(ThrottledLog.LINES_PER_WINDOW, lines.size()));
    }
}
