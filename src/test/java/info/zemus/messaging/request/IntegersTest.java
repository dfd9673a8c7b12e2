package info.zemus.messaging.request;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ids and numbers in paths and queries: digits only, within bounds, else a 400 naming the parameter. */
class IntegersTest {

    @Test
    void parsesPositiveIntegersUpToTheLargestLong() {
        assertEquals(1, Integers.userId("id", "1"));
        assertEquals(Long.MAX_VALUE, Integers.userId("id", Long.toString(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-1", "+1", "1.0", "1e3", "0x10", " 1", "١", "9223372036854775808", "99999999999999999999"})
    void refusesAnythingElse(String raw) {
        ApiException refused = assertThrows(ApiException.class, () -> Integers.userId("friendId", raw));
        assertEquals(ErrorCode.INVALID_ID, refused.code());
        assertEquals("'friendId' must be a positive integer user id", refused.detail());
    }

    @Test
    void cursorsStartAtZeroAndPageSizesStayInTheirRange() {
        assertEquals(0, Integers.cursor("since", "0"));
        assertEquals(200, Integers.inRange("limit", "200", 1, 200));
        ApiException refused = assertThrows(ApiException.class, () -> Integers.inRange("limit", "201", 1, 200));
        assertEquals(ErrorCode.INVALID_PARAMETER, refused.code());
        assertEquals("'limit' must be an integer from 1 to 200", refused.detail());
        assertThrows(ApiException.class, () -> Integers.cursor("since", "-1"));
    }
}
