package info.zemus.messaging.auth;

import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each client address may spend 3 refused requests a minute here; the tests speak for several addresses through
 * X-Forwarded-For, which the service trusts from loopback only in this profile (as from a declared reverse proxy).
 */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class,
        initArgs = @ResourceArg(name = FakeMainApiResource.REFUSALS_ARG, value = "tight"))
class RefusalBudgetTest {

    private static Response send(String forwardedFor, long from, String token) {
        var request = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"message\":\"hi\"}");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.post("/users/{id}/friends/{friendId}/message", from, Users.fresh());
    }

    @Test
    void anAddressOverItsRefusalBudgetGets429BeforeAnyMainApiCall() {
        String mallory = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        long victim = Users.fresh();
        for (int i = 0; i < 3; i++) {
            send(mallory, victim, "forged-" + i).then().statusCode(401);
        }
        int calls = FakeMainApiControl.authCalls();
        send(mallory, victim, "forged-3").then().statusCode(429)
                .body("code", equalTo("too_many_refusals")).header("Retry-After", notNullValue());
        long alice = Users.fresh();
        send(mallory, alice, Users.token(alice)).then().statusCode(429); // the whole address waits
        assertEquals(calls, FakeMainApiControl.authCalls(), "no main API call for an address over its budget");
        assertEquals(0, TestDatabase.countInvolving(alice));

        String neighbour = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        send(neighbour, alice, Users.token(alice)).then().statusCode(201);
    }

    @Test
    void successesSpendNothing() {
        String carrierNat = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        for (int i = 0; i < 10; i++) {
            long user = Users.fresh();
            send(carrierNat, user, Users.token(user)).then().statusCode(201);
        }
    }

    @Test
    void loopbackIsNeverLimited() {
        for (int i = 0; i < 6; i++) {
            send(null, Users.fresh(), "forged-" + i).then().statusCode(401);
        }
    }
}
