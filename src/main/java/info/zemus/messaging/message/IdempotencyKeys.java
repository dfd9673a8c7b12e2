package info.zemus.messaging.message;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;

import java.util.regex.Pattern;

/** Client keys that make a send safe to retry: 1 to 64 characters of {@code [A-Za-z0-9_-]}. */
public final class IdempotencyKeys {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private IdempotencyKeys() {
    }

    /** The key, or null when absent; fails with 400 when present but malformed. */
    public static String validate(String key) {
        if (key == null) {
            return null;
        }
        if (!SHAPE.matcher(key).matches()) {
            throw new ApiException(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "An idempotency key is 1 to 64 characters among A-Z, a-z, 0-9, '_' and '-'");
        }
        return key;
    }
}
