package info.zemus.messaging.auth;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token check against a main API that is slow, down, flaky or broken: never a send without a valid check. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class MainApiFaultsTest {

    private static Response send(long from, long to, String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"message\":\"hi\"}").post("/users/{id}/friends/{friendId}/message", from, to);
    }

    @Test
    void aBurstOfSendsCostsOneTokenCheck() {
        long alice = Users.fresh();
        int before = FakeMainApiControl.authCalls();
        for (int i = 0; i < 10; i++) {
            send(alice, Users.fresh(), Users.token(alice)).then().statusCode(201);
        }
        assertEquals(1, FakeMainApiControl.authCalls() - before);
    }

    @Test
    void aRepeatedRefusedTokenCostsOneCallWithinTheRefusalTtl() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        int before = FakeMainApiControl.authCalls();
        for (int i = 0; i < 3; i++) {
            send(alice, bob, Users.token(bob)).then().statusCode(401);
        }
        assertEquals(1, FakeMainApiControl.authCalls() - before, "refused once, then from memory (5 s)");
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void aFloodOfForgedTokensNeverOpensTheBreakerForOthers() {
        long mallory = Users.fresh();
        for (int i = 0; i < 50; i++) { // well past the breaker's request volume (20)
            send(mallory, Users.fresh(), "forged-" + i).then().statusCode(401);
        }
        long alice = Users.fresh();
        send(alice, Users.fresh(), Users.token(alice)).then().statusCode(201);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"BAD_REQUEST", "THROTTLED"})
    void aFloodOfOtherClientErrorsNeverOpensTheBreakerEither(Mode mode) {
        long mallory = Users.fresh();
        FakeMainApiControl.mode(mode);
        try {
            for (int i = 0; i < 50; i++) { // well past the breaker's request volume (20)
                send(mallory, Users.fresh(), "garbage-" + i).then().statusCode(503); // no answer: fail closed
            }
        } finally {
            FakeMainApiControl.mode(Mode.NORMAL);
        }
        try {
            long alice = Users.fresh();
            send(alice, Users.fresh(), Users.token(alice)).then().statusCode(201); // at once: the breaker is closed
        } finally {
            FakeMainApiControl.awaitHealed();
        }
    }

    /** Token-check calls the main API saw during one send in the given mode. */
    private static int authCallsForOneSend(Mode mode, long alice, int expectedStatus) {
        int[] calls = new int[1];
        FakeMainApiControl.during(mode, () -> {
            int before = FakeMainApiControl.authCalls();
            send(alice, Users.fresh(), Users.token(alice)).then().statusCode(expectedStatus);
            calls[0] = FakeMainApiControl.authCalls() - before;
        });
        return calls[0];
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"HUGE", "MALFORMED"})
    void readsOnlyTheStatusOfAnAnswerHoweverOddItsBody(Mode mode) {
        long alice = Users.fresh();
        long bob = Users.fresh();
        FakeMainApiControl.during(mode, () -> {
            send(alice, bob, Users.token(alice)).then().statusCode(201);
            send(bob, alice, "forged").then().statusCode(401);
        });
        assertEquals(1, TestDatabase.countBetween(alice, bob));
    }

    @Test
    void retriesOnceWhenTheConnectionDrops() {
        long alice = Users.fresh();
        assertEquals(2, authCallsForOneSend(Mode.FLAKY, alice, 201), "the dropped call and its retry");
        assertEquals(1, TestDatabase.countInvolving(alice));
    }

    @Test
    void neverRetriesAnAnswerAndFailsClosed() {
        long alice = Users.fresh();
        assertEquals(1, authCallsForOneSend(Mode.ERROR, alice, 503));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void retriesOnceThenFailsClosedWhenTheMainApiIsDown() {
        long alice = Users.fresh();
        assertEquals(2, authCallsForOneSend(Mode.DOWN, alice, 503));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void failsClosedWhenTheMainApiIsTooSlow() {
        long alice = Users.fresh();
        assertEquals(1, authCallsForOneSend(Mode.SLOW, alice, 503), "a timeout is not retried");
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void neverAcceptsAForgedTokenWhileTheMainApiFlaps() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        try {
            for (int cycle = 0; cycle < 6; cycle++) {
                FakeMainApiControl.mode(cycle % 3 == 0 ? Mode.DOWN : cycle % 3 == 1 ? Mode.FLAKY : Mode.NORMAL);
                for (int i = 0; i < 5; i++) {
                    int status = send(alice, Users.fresh(), Users.token(bob)).statusCode();
                    assertTrue(status == 401 || status == 503, "a forged token got " + status);
                }
            }
        } finally {
            FakeMainApiControl.mode(Mode.NORMAL);
            FakeMainApiControl.awaitHealed();
        }
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void recoversByItselfAfterAnOutage() {
        long alice = Users.fresh();
        FakeMainApiControl.mode(Mode.DOWN);
        try {
            // Enough failures to open the circuit breaker; none of these sends may be stored.
            for (int i = 0; i < 30; i++) {
                send(alice, Users.fresh(), Users.token(alice)).then().statusCode(503);
            }
        } finally {
            FakeMainApiControl.mode(Mode.NORMAL);
        }
        assertEquals(0, TestDatabase.countInvolving(alice));
        // The main API is back: without any restart, sends are accepted again once the breaker closes.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(alice, Users.fresh(), Users.token(alice)).statusCode() == 201);
        send(alice, Users.fresh(), Users.token(alice)).then().statusCode(201);
    }
}
