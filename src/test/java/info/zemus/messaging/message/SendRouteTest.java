package info.zemus.messaging.message;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only requests to the send route count as refused sends, whatever else is refused. */
class SendRouteTest {

    @Test
    void countsOnlyPostsToTheSendRouteAsSends() {
        assertTrue(MessageMetrics.isSend(HttpMethod.POST, "/users/1/friends/2/message"));
        assertTrue(MessageMetrics.isSend(HttpMethod.POST, "/users/abc/friends/2/message"));
        assertFalse(MessageMetrics.isSend(HttpMethod.GET, "/users/1/friends/2/message"));
        assertFalse(MessageMetrics.isSend(HttpMethod.POST, "/users/1/friends/2/messages"));
        assertFalse(MessageMetrics.isSend(HttpMethod.POST, "/console/"));
    }
}
