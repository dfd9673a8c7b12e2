package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tight limits (burst 5 then 1 send per 100 s, 3 connections per user, 6 per node). */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class,
        initArgs = @ResourceArg(name = FakeMainApiResource.LIMITS_ARG, value = "tight"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsTest {

    private static io.restassured.response.Response send(long from, long to) {
        return given().header("Authorization", Users.bearer(from)).contentType(ContentType.JSON)
                .body("{\"message\":\"hi\"}").post("/users/{id}/friends/{friendId}/message", from, to);
    }

    @Test
    @Order(1)
    void refusesUpgradesBeyondTheNodeLimitWith503() {
        List<WsDevice> open = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                long user = Users.fresh();
                open.add(WsDevice.connect(user, Users.token(user)));
            }
            long late = Users.fresh();
            assertEquals(503, WsDevice.rejectedStatus(WsDevice.options(late).addHeader("Authorization", Users.bearer(late))));
        } finally {
            open.forEach(WsDevice::closeAndWait);
        }
        // Room again once they are gone.
        long user = Users.fresh();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> {
                    WsDevice.connect(user, Users.token(user)).closeAndWait();
                    return true;
                });
    }

    @Test
    @Order(2)
    void refusesSendsOverTheRateWith429AndRetryAfterAndStoresNothing() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        for (int i = 0; i < 5; i++) {
            send(alice, bob).then().statusCode(201);
        }
        send(alice, bob).then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("rate_limited"))
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1));
        assertEquals(5, TestDatabase.countBetween(alice, bob));
        // The bucket is the user's: Bob still sends.
        send(bob, alice).then().statusCode(201);

        // Sends over the socket share the same bucket.
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            alicePhone.sendText(new JsonObject().put("type", "send").put("to", bob).put("message", "more").put("key", "k-1").encode());
            JsonObject error = alicePhone.next("error");
            assertEquals("rate_limited", error.getString("code"));
            assertEquals(429, error.getInteger("status"));
            assertTrue(error.getLong("retryAfter") >= 1);
        }
        assertEquals(6, TestDatabase.countBetween(alice, bob));
    }

    @Test
    @Order(3)
    void aFourthConnectionOfAUserClosesTheOldestWith4001() {
        long bob = Users.fresh();
        try (WsDevice first = WsDevice.connect(bob, Users.token(bob));
             WsDevice second = WsDevice.connect(bob, Users.token(bob));
             WsDevice third = WsDevice.connect(bob, Users.token(bob));
             WsDevice fourth = WsDevice.connect(bob, Users.token(bob))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.closeCode() != null);
            assertEquals(CloseCodes.TOO_MANY_CONNECTIONS, first.closeCode());
            long id = new JsonObject(send(Users.fresh(), bob).then().statusCode(201).extract().asString()).getLong("id");
            for (WsDevice device : List.of(second, third, fourth)) {
                assertEquals(id, device.next("message").getLong("id"));
                assertNull(device.closeCode());
            }
        }
    }
}
