package info.zemus.messaging.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.config.UnavailableConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders problem documents, in one place for the REST mappers and the raw Vert.x filters, so that
 * every error body and every {@code Retry-After} look the same whoever produced them.
 */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;
    private final String retryAfterSeconds;

    public ProblemResponses(ObjectMapper mapper, UnavailableConfig unavailable) {
        this.mapper = mapper;
        this.retryAfterSeconds = Long.toString(Math.max(1, unavailable.retryAfter().toSeconds()));
    }

    public String body(ErrorCode code, String detail, String instance) {
        try {
            return mapper.writeValueAsString(Problem.of(code, detail, instance));
        } catch (JsonProcessingException e) {
            // A record of strings and ints always serializes; keep a valid body anyway.
            return "{\"status\":" + code.status() + ",\"code\":\"" + code.code() + "\"}";
        }
    }

    /** The {@code Retry-After} value for a 503, or null for any other status. */
    public String retryAfter(ErrorCode code) {
        return code.status() == 503 ? retryAfterSeconds : null;
    }
}
