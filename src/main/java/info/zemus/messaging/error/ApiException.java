package info.zemus.messaging.error;

/**
 * A refusal we expect and explain to the client. It carries no stack trace: it is a normal outcome,
 * created on hot paths, and never logged as a failure.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Long retryAfterSeconds;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, null);
    }

    /** A refusal that tells the client when to come back ({@code Retry-After}). */
    public ApiException(ErrorCode code, String detail, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds to wait before retrying, when this refusal sets its own; null otherwise. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
