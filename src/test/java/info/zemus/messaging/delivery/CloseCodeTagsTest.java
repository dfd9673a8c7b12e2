package info.zemus.messaging.delivery;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The close code tag stays a small known set whatever codes clients choose. */
class CloseCodeTagsTest {

    @Test
    void keepsStandardAndOwnCloseCodesAndFoldsTheRest() {
        assertEquals("1000", ConnectionMetrics.codeTag(1000));
        assertEquals("1015", ConnectionMetrics.codeTag(1015));
        assertEquals("4000", ConnectionMetrics.codeTag(4000));
        assertEquals("4001", ConnectionMetrics.codeTag(4001));
        assertEquals("4002", ConnectionMetrics.codeTag(4002));
        assertEquals("4003", ConnectionMetrics.codeTag(4003));
        assertEquals("4004", ConnectionMetrics.codeTag(4004));
        for (int clientChosen : new int[] {0, 999, 1016, 3000, 4005, 4999, 65535}) {
            assertEquals("other", ConnectionMetrics.codeTag(clientChosen));
        }
    }
}
