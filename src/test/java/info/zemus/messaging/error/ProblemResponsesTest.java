package info.zemus.messaging.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Problem documents are written by our own ObjectMapper call, which Quarkus does not see: without the
 * registration, a native image would answer every error with the fallback body (status and code only).
 */
class ProblemResponsesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theProblemRecordIsRegisteredForReflection() {
        assertNotNull(Problem.class.getAnnotation(RegisterForReflection.class));
    }

    @Test
    void writesEveryFieldButAbsentOnes() throws Exception {
        ProblemResponses problems = new ProblemResponses(mapper, () -> java.time.Duration.ofSeconds(5));
        JsonNode body = mapper.readTree(problems.body(ErrorCode.INVALID_FRAME, "bad frame", "/ws"));
        assertEquals("about:blank", body.path("type").asText());
        assertEquals(400, body.path("status").asInt());
        assertEquals("invalid_frame", body.path("code").asText());
        assertEquals("bad frame", body.path("detail").asText());
        assertEquals("/ws", body.path("instance").asText());
        assertFalse(mapper.readTree(problems.body(ErrorCode.INVALID_FRAME, null, "/ws")).has("detail"));
    }
}
