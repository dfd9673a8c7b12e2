package info.zemus.messaging.error;

/**
 * A refusal we expect and explain to the client. It carries no stack trace: it is a normal outcome,
 * created on hot paths, and never logged as a failure.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
