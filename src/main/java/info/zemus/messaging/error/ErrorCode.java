package info.zemus.messaging.error;

/**
 * Every error a client can see, with its HTTP status and the stable {@code code} clients switch on.
 * The codes are part of the public API: add new ones, never rename or reuse one.
 */
public enum ErrorCode {
    INVALID_ID(400, "invalid_id", "Invalid user id"),
    INVALID_BODY(400, "invalid_body", "Invalid request body"),
    EMPTY_MESSAGE(400, "empty_message", "Empty message"),
    SELF_MESSAGE(400, "self_message", "Cannot send a message to oneself"),
    INVALID_IDEMPOTENCY_KEY(400, "invalid_idempotency_key", "Invalid idempotency key"),
    INVALID_PARAMETER(400, "invalid_parameter", "Invalid query parameter"),
    INVALID_FRAME(400, "invalid_frame", "Invalid frame"),
    INVALID_PATH(400, "invalid_path", "Invalid path"),
    INVALID_DEVICE(400, "invalid_device", "Invalid device"),
    TOO_MANY_WATCHED(400, "too_many_watched", "Too many users watched"),
    MISSING_TOKEN(401, "missing_token", "Missing bearer token"),
    MALFORMED_TOKEN(401, "malformed_token", "Malformed bearer token"),
    INVALID_TOKEN(401, "invalid_token", "Invalid token"),
    NOT_FRIENDS(403, "not_friends", "Not friends"),
    NOT_FOUND(404, "not_found", "Not found"),
    PRESENCE_DISABLED(404, "presence_disabled", "Presence is off on this service"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not_acceptable", "Not acceptable"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency_key_reused", "Idempotency key already used for another message"),
    INSTALLATION_TAKEN(409, "installation_taken", "Installation registered to another user"),
    MESSAGE_TOO_LARGE(413, "message_too_large", "Message too large"),
    BODY_TOO_LARGE(413, "body_too_large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Unsupported media type"),
    RATE_LIMITED(429, "rate_limited", "Too many messages"),
    TOO_MANY_REFUSALS(429, "too_many_refusals", "Too many refused requests from this address"),
    INTERNAL_ERROR(500, "internal_error", "Internal error"),
    MAIN_API_UNAVAILABLE(503, "main_api_unavailable", "Main API unavailable"),
    DATABASE_UNAVAILABLE(503, "database_unavailable", "Database unavailable"),
    TOO_MANY_CONNECTIONS(503, "too_many_connections", "Too many connections on this node"),
    SHUTTING_DOWN(503, "shutting_down", "Shutting down");

    private final int status;
    private final String code;
    private final String title;

    ErrorCode(int status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The generic code for a status the framework produced itself (unknown route, wrong method...). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_BODY;
            case 401 -> MISSING_TOKEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> INTERNAL_ERROR;
        };
    }
}
