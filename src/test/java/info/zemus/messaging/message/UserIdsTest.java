package info.zemus.messaging.message;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserIdsTest {

    @Test
    void parsesPositiveIntegersUpToTheLargestLong() {
        assertEquals(1, UserIds.parse("id", "1"));
        assertEquals(Long.MAX_VALUE, UserIds.parse("id", Long.toString(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-1", "+1", "1.0", "1e3", "0x10", " 1", "١", "9223372036854775808", "99999999999999999999"})
    void refusesAnythingElse(String raw) {
        ApiException refused = assertThrows(ApiException.class, () -> UserIds.parse("friendId", raw));
        assertEquals(ErrorCode.INVALID_ID, refused.code());
        assertEquals("'friendId' must be a positive integer user id", refused.detail());
    }
}
