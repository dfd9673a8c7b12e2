package info.zemus.messaging.message;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;

/** Integer query parameters: message id cursors and page sizes, digits only, within bounds. */
public final class MessageIds {

    private MessageIds() {
    }

    /** A message id cursor ({@code since}): 0 or more. */
    public static long parseCursor(String name, String raw) {
        return parse(name, raw, 0, Long.MAX_VALUE);
    }

    /** Parses a decimal integer in [min, max] or fails with 400 {@code invalid_parameter}. */
    public static long parse(String name, String raw, long min, long max) {
        if (raw != null && !raw.isEmpty() && raw.length() <= 19 && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                long value = Long.parseLong(raw);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // over Long.MAX_VALUE: refused below
            }
        }
        throw new ApiException(ErrorCode.INVALID_PARAMETER,
                "'" + name + "' must be an integer from " + min + " to " + max);
    }
}
