package info.zemus.messaging.openapi;

/** Names of the shared parts of the OpenAPI document (see package-info), for the resources' annotations. */
public final class ApiDocument {

    public static final String BEARER = "bearer";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_LARGE = "ContentTooLarge";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String UNAVAILABLE = "ServiceUnavailable";

    private ApiDocument() {
    }
}
