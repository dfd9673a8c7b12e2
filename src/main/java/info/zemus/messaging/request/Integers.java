package info.zemus.messaging.request;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;

/**
 * Integers as they come in paths and queries: decimal digits only (no sign, no spaces, no leading {@code +}),
 * within bounds, or a 400 naming the parameter. User ids fail with {@code invalid_id}, the rest (message id
 * cursors, page sizes) with {@code invalid_parameter}.
 */
public final class Integers {

    private Integers() {
    }

    /** A user id: a positive 64-bit integer. */
    public static long userId(String name, String raw) {
        Long id = parse(raw, 1, Long.MAX_VALUE);
        if (id == null) {
            throw new ApiException(ErrorCode.INVALID_ID, "'" + name + "' must be a positive integer user id");
        }
        return id;
    }

    /** A message id cursor ({@code since}): 0 or more. */
    public static long cursor(String name, String raw) {
        return inRange(name, raw, 0, Long.MAX_VALUE);
    }

    /** An integer in [min, max]. */
    public static long inRange(String name, String raw, long min, long max) {
        Long value = parse(raw, min, max);
        if (value == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "'" + name + "' must be an integer from " + min + " to " + max);
        }
        return value;
    }

    private static Long parse(String raw, long min, long max) {
        if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            long value = Long.parseLong(raw);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null; // over Long.MAX_VALUE
        }
    }
}
