package info.zemus.messaging.auth;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.observability.Secrets;

/**
 * A bearer token as the client sent it, and the {@code Authorization} header that the main API gets for it: the
 * caller's own header, as sent (the main API's contract, shared/seed/ORIGINAL.md), or for a token that came
 * without one (a browser's WebSocket subprotocol) {@code bearer <token>}, the form the app sends.
 * {@link #toString()} masks it, so that a token can never end up in a log line by accident.
 */
public final class BearerToken {

    /** Longer than any JWT the main API issues; bounds what we forward. */
    static final int MAX_LENGTH = 4096;

    private final String value;
    private final String header;

    private BearerToken(String value, String header) {
        this.value = value;
        this.header = header;
    }

    /** Parses the {@code Authorization} headers of a request: exactly one is allowed. */
    public static BearerToken fromAuthorizationHeaders(java.util.List<String> headers) {
        if (headers.size() > 1) {
            throw new ApiException(ErrorCode.MALFORMED_TOKEN, "Only one Authorization header is allowed");
        }
        return fromAuthorizationHeader(headers.isEmpty() ? null : headers.get(0));
    }

    /** Parses an {@code Authorization} header value: {@code Bearer <token>}, scheme case-insensitive. */
    public static BearerToken fromAuthorizationHeader(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_TOKEN, "The Authorization header with a bearer token is required");
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw new ApiException(ErrorCode.MALFORMED_TOKEN, "The Authorization header must be 'Bearer <token>'");
        }
        return new BearerToken(checked(trimmed.substring(space + 1).strip()), trimmed);
    }

    /** Wraps a raw token (e.g. from the WebSocket subprotocol header), checking its shape only. */
    public static BearerToken of(String token) {
        return new BearerToken(checked(token), "bearer " + token);
    }

    private static String checked(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH || !isTokenCharacters(token)) {
            throw new ApiException(ErrorCode.MALFORMED_TOKEN, "The bearer token is malformed");
        }
        return token;
    }

    // RFC 6750 b64token characters: what a JWT is made of.
    private static boolean isTokenCharacters(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public String value() {
        return value;
    }

    /** The header forwarded to the main API: the caller's, as sent. */
    public String authorizationHeader() {
        return header;
    }

    @Override
    public String toString() {
        return "BearerToken[" + Secrets.mask(value) + "]";
    }
}
