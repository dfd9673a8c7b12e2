package info.zemus.messaging.auth;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BearerTokenTest {

    @Test
    void readsTheTokenWhateverTheCaseOfTheScheme() {
        assertEquals("eyJ.a-b_c.d", BearerToken.fromAuthorizationHeader("bearer eyJ.a-b_c.d").value());
        assertEquals("eyJ.a-b_c.d", BearerToken.fromAuthorizationHeader("Bearer  eyJ.a-b_c.d ").value());
    }

    @Test
    void forwardsTheCallersHeaderAsSent() {
        assertEquals("BEARER abc", BearerToken.fromAuthorizationHeader("BEARER abc").authorizationHeader());
        assertEquals("bearer  abc", BearerToken.fromAuthorizationHeader(" bearer  abc ").authorizationHeader());
        assertEquals("bearer abc", BearerToken.of("abc").authorizationHeader(), "a subprotocol token, in the app's form");
    }

    @Test
    void neverShowsTheTokenWhenPrinted() {
        String printed = BearerToken.of("eyJhbGciOiJIUzI1NiJ9.secret.signature").toString();
        assertFalse(printed.contains("secret"));
        assertFalse(BearerToken.of("short").toString().contains("short"));
    }

    @Test
    void treatsAMissingHeaderAsMissing() {
        assertEquals(ErrorCode.MISSING_TOKEN, assertThrows(ApiException.class,
                () -> BearerToken.fromAuthorizationHeader(" ")).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic abc", "Bearer", "Token abc", "Bearer a b", "Bearer é", "Bearer a\"b"})
    void refusesMalformedHeaders(String header) {
        assertEquals(ErrorCode.MALFORMED_TOKEN, assertThrows(ApiException.class,
                () -> BearerToken.fromAuthorizationHeader(header)).code());
    }

    @Test
    void refusesATokenLongerThanAnyRealOne() {
        assertThrows(ApiException.class, () -> BearerToken.of("a".repeat(BearerToken.MAX_LENGTH + 1)));
    }
}
