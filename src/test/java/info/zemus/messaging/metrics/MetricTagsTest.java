package info.zemus.messaging.metrics;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tag values stay a small known set whatever clients send. */
class MetricTagsTest {

    @Test
    void keepsStandardAndOwnCloseCodesAndFoldsTheRest() {
        assertEquals("1000", ConnectionMetrics.codeTag(1000));
        assertEquals("1015", ConnectionMetrics.codeTag(1015));
        assertEquals("4000", ConnectionMetrics.codeTag(4000));
        assertEquals("4001", ConnectionMetrics.codeTag(4001));
        assertEquals("4002", ConnectionMetrics.codeTag(4002));
        assertEquals("4003", ConnectionMetrics.codeTag(4003));
        for (int clientChosen : new int[] {0, 999, 1016, 3000, 4004, 4999, 65535}) {
            assertEquals("other", ConnectionMetrics.codeTag(clientChosen));
        }
    }

    @Test
    void countsOnlyPostsToTheSendRouteAsSends() {
        assertTrue(MessageMetrics.isSend(HttpMethod.POST, "/users/1/friends/2/message"));
        assertTrue(MessageMetrics.isSend(HttpMethod.POST, "/users/abc/friends/2/message"));
        assertFalse(MessageMetrics.isSend(HttpMethod.GET, "/users/1/friends/2/message"));
        assertFalse(MessageMetrics.isSend(HttpMethod.POST, "/users/1/friends/2/messages"));
        assertFalse(MessageMetrics.isSend(HttpMethod.POST, "/console/"));
    }
}
