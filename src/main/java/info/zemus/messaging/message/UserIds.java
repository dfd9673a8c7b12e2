package info.zemus.messaging.message;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;

/** User ids as they come in paths and queries: positive 64-bit integers, digits only. */
public final class UserIds {

    private UserIds() {
    }

    /** Parses a user id or fails with 400 {@code invalid_id}, naming the parameter. */
    public static long parse(String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 19) {
            throw invalid(name);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(name);
            }
        }
        try {
            long id = Long.parseLong(raw);
            if (id <= 0) {
                throw invalid(name);
            }
            return id;
        } catch (NumberFormatException e) {
            throw invalid(name);
        }
    }

    private static ApiException invalid(String name) {
        return new ApiException(ErrorCode.INVALID_ID, "'" + name + "' must be a positive integer user id");
    }
}
