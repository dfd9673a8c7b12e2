package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.push.PushOutcome;
import info.zemus.messaging.push.RetryAfter;

import java.io.IOException;

/**
 * What an FCM HTTP v1 answer means for the device (FCM's ErrorCode reference): the {@code errorCode} of
 * the {@code FcmError} detail first, else the HTTP status. {@code UNREGISTERED}, {@code SENDER_ID_MISMATCH}
 * and an {@code INVALID_ARGUMENT} about the token itself are dead tokens; any other 400 is our payload's
 * fault and keeps the device; 429 and 5xx are retried. Any other answer, a 404 without {@code UNREGISTERED}
 * included, fails this push and keeps the device.
 */
record FcmAnswer(int status, String errorCode, boolean aboutToken, String retryAfter) {

    static FcmAnswer read(int status, String body, String retryAfter, ObjectMapper mapper) {
        String errorCode = "";
        boolean aboutToken = false;
        if (status >= 400 && body != null && !body.isBlank()) {
            try {
                JsonNode error = mapper.readTree(body).path("error");
                errorCode = error.path("status").asText("");
                for (JsonNode detail : error.path("details")) {
                    if (detail.path("@type").asText("").endsWith("google.firebase.fcm.v1.FcmError")) {
                        errorCode = detail.path("errorCode").asText(errorCode);
                    }
                    for (JsonNode violation : detail.path("fieldViolations")) {
                        String field = violation.path("field").asText("");
                        aboutToken |= field.equals("message.token") || field.equals("message.fid");
                    }
                }
                // Older answers name the token in the message only.
                aboutToken |= error.path("message").asText("").contains("registration token");
            } catch (IOException e) {
                // A proxy's HTML error page: the status decides.
            }
        }
        return new FcmAnswer(status, errorCode, aboutToken, retryAfter);
    }

    /** Our access token was refused: worth one fresh token. Not THIRD_PARTY_AUTH_ERROR (APNs key missing). */
    boolean unauthenticated() {
        return status == 401 && !"THIRD_PARTY_AUTH_ERROR".equals(errorCode);
    }

    PushOutcome outcome() {
        if (status >= 200 && status < 300) {
            return PushOutcome.sent();
        }
        // Only FCM's own word kills a token: a 404 without it (a proxy's page, a wrong base URL) says nothing
        // about the device, and deleting on it would empty the table.
        if ("UNREGISTERED".equals(errorCode)) {
            return PushOutcome.deadToken("unregistered");
        }
        if ("SENDER_ID_MISMATCH".equals(errorCode)) {
            return PushOutcome.deadToken("sender_id_mismatch");
        }
        if (status == 400) {
            return aboutToken ? PushOutcome.deadToken("invalid_token") : PushOutcome.failed("invalid_argument");
        }
        if (status == 429) {
            return PushOutcome.retry(RetryAfter.parse(retryAfter), "quota_exceeded");
        }
        if (status >= 500) {
            return PushOutcome.retry(RetryAfter.parse(retryAfter), "unavailable_" + status);
        }
        return PushOutcome.failed(errorCode.isEmpty() ? "http_" + status : errorCode.toLowerCase(java.util.Locale.ROOT));
    }
}
