package info.zemus.messaging.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document with our stable {@code code} extension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance) {
        return new Problem("about:blank", code.title(), code.status(), detail, code.code(), instance);
    }
}
