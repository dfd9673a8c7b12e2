package info.zemus.messaging.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document with our stable {@code code} extension. Written by our own ObjectMapper call
 * ({@link ProblemResponses}), which Quarkus cannot see: registered for the native image.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem document; clients switch on `code`, never on `title` or `detail`",
        example = "{\"type\":\"about:blank\",\"title\":\"Invalid token\",\"status\":401,"
                + "\"detail\":\"The token is not valid for user 1\",\"code\":\"invalid_token\","
                + "\"instance\":\"/users/1/friends/2/message\"}")
public record Problem(
        @Schema(description = "Always about:blank") String type,
        @Schema(description = "Short summary of the code, in English") String title,
        @Schema(description = "The HTTP status") int status,
        @Schema(description = "What went wrong in this request, for people; never a class name or a stack trace") String detail,
        @Schema(description = "Stable error code (docs/PROTOCOL.md): new ones may be added, none is renamed") String code,
        @Schema(description = "The request path") String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance) {
        return new Problem("about:blank", code.title(), code.status(), detail, code.code(), instance);
    }
}
