package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.push.PushOutcome;
import info.zemus.messaging.push.PushOutcome.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answers of FCM the HTTP tests do not script: rarer error shapes, and what they mean for the device. */
class FcmAnswerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static FcmAnswer answer(int status, String body, String retryAfter) {
        return FcmAnswer.read(status, body, retryAfter, MAPPER);
    }

    private static String error(int code, String status, String errorCode, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\""
                + errorCode + "\"}]}}";
    }

    @Test
    void aMissingApnsKeyIsOurConfigurationNotOurToken() {
        FcmAnswer answer = answer(401, error(401, "UNAUTHENTICATED", "THIRD_PARTY_AUTH_ERROR", "Auth error from APNS"), null);
        assertFalse(answer.unauthenticated(), "a fresh access token would not help");
        assertEquals(Kind.FAILED, answer.outcome().kind());
    }

    @Test
    void aRefusedAccessTokenIsWorthAFreshOne() {
        assertTrue(answer(401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}", null).unauthenticated());
    }

    @Test
    void anOldStyleInvalidTokenMessageIsADeadToken() {
        PushOutcome outcome = answer(400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\","
                + "\"message\":\"The registration token is not a valid FCM registration token\"}}", null).outcome();
        assertEquals(Kind.DEAD_TOKEN, outcome.kind());
    }

    @Test
    void anHtmlNotFoundKeepsTheToken() {
        assertEquals(Kind.FAILED, answer(404, "<html><body>Not Found</body></html>", null).outcome().kind());
        assertEquals(Kind.DEAD_TOKEN, answer(404, error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."),
                null).outcome().kind());
    }

    @Test
    void anHtmlBadGatewayIsRetried() {
        PushOutcome outcome = answer(502, "<html><body>Bad Gateway</body></html>", null).outcome();
        assertEquals(Kind.RETRY, outcome.kind());
        assertNull(outcome.retryAfter(), "our backoff decides");
    }

    @Test
    void aRetryAfterDateIsHonoured() {
        String inTwoMinutes = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(2));
        Duration wait = answer(503, error(503, "UNAVAILABLE", "UNAVAILABLE", "x"), inTwoMinutes).outcome().retryAfter();
        assertTrue(wait.compareTo(Duration.ofSeconds(100)) > 0 && wait.compareTo(Duration.ofSeconds(121)) < 0, wait.toString());
    }

    @Test
    void anotherForbiddenIsNotADeadToken() {
        assertEquals(Kind.FAILED, answer(403, "{\"error\":{\"code\":403,\"status\":\"PERMISSION_DENIED\"}}", null).outcome().kind());
    }
}
