package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tight limits: burst 5 then 1 send per 100 s; bursts of 3 history pages, receipts, device changes and reconnections
 * with since; 3 connections per user, 6 per node; 50 frames waiting per socket.
 */
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
            assertEquals(Disconnect.TOO_MANY_CONNECTIONS.code(), first.closeCode());
            long id = new JsonObject(send(Users.fresh(), bob).then().statusCode(201).extract().asString()).getLong("id");
            for (WsDevice device : List.of(second, third, fourth)) {
                assertEquals(id, device.next("message").getLong("id"));
                assertNull(device.closeCode());
            }
        }
    }

    @Test
    @Order(4)
    void eachCostlyRequestHasItsOwnBudgetPerUser() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        for (int i = 0; i < 3; i++) {
            history(alice, bob).then().statusCode(200);
        }
        history(alice, bob).then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("rate_limited"))
                .body("detail", startsWith("Too many history pages"))
                .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1));
        history(bob, alice).then().statusCode(200); // Bob's budget is his own

        for (int i = 0; i < 3; i++) {
            registerDevice(alice).then().statusCode(204);
        }
        registerDevice(alice).then().statusCode(429).body("detail", startsWith("Too many device registrations"));
        send(alice, bob).then().statusCode(201); // and sends have theirs

        long id = new JsonObject(send(bob, alice).then().statusCode(201).extract().asString()).getLong("id");
        try (WsDevice phone = WsDevice.connect(alice, Users.token(alice))) {
            for (int i = 0; i < 4; i++) {
                phone.sendText(new JsonObject().put("type", "delivered").put("ids", List.of(id)).encode());
            }
            JsonObject error = phone.next("error");
            assertEquals("rate_limited", error.getString("code"));
            assertTrue(error.getString("detail").startsWith("Too many receipts"), error.encode());
            assertTrue(error.getLong("retryAfter") >= 1);
        }
    }

    @Test
    @Order(5)
    void reconnectionsWithSinceHaveABudgetAndTheUpgradeSaysWhenToRetry() {
        long carol = Users.fresh();
        for (int i = 0; i < 3; i++) {
            WsDevice.reconnect(carol, Users.token(carol), 1).closeAndWait();
        }
        assertEquals(429, WsDevice.rejectedStatus(WsDevice.options(carol + "&since=1")
                .addHeader("Authorization", Users.bearer(carol))));
        WsDevice.connect(carol, Users.token(carol)).closeAndWait(); // a fresh connection replays nothing: not limited
    }

    @Test
    @Order(6)
    void aSocketPipeliningFramesFasterThanTheyAreHandledIsClosedWith4003() throws Exception {
        long dave = Users.fresh();
        long erin = Users.fresh();
        long id = new JsonObject(send(erin, dave).then().statusCode(201).extract().asString()).getLong("id");
        WsDevice phone = WsDevice.connect(dave, Users.token(dave));
        String delivered = new JsonObject().put("type", "delivered").put("ids", List.of(id)).encode();
        int written = 0;
        try (Connection locker = TestDatabase.connect()) {
            // The first receipt's UPDATE waits on the lock: every frame after it waits to be handled.
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
            try {
                for (; written < 100_000 && phone.closeCode() == null; written++) {
                    phone.sendText(delivered);
                }
            } catch (RuntimeException closedMeanwhile) {
                // the server closed the socket while frames were still being written
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> phone.closeCode() != null);
            locker.rollback();
        }
        assertEquals(Disconnect.TOO_MANY_PENDING_FRAMES.code(), phone.closeCode(), "after " + written + " frames");
        assertTrue(written < 100_000, "closed before the client was done");
        // The node is fine: Dave reconnects and gets what is sent to him.
        try (WsDevice again = WsDevice.connect(dave, Users.token(dave))) {
            long next = new JsonObject(send(erin, dave).then().statusCode(201).extract().asString()).getLong("id");
            assertEquals(next, again.next("message").getLong("id"));
        }
    }

    @Test
    @Order(7)
    void readinessAnswersWhileThePoolIsFull() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
            // More history pages than the pool has connections (20, one held by the writer), each of another user.
            for (int i = 0; i < 25; i++) {
                long reader = Users.fresh();
                waiting.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                                + "/users/" + reader + "/friends/" + Users.fresh() + "/messages"))
                        .header("Authorization", Users.bearer(reader)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.statementsWaitingOnALock("FROM messages") >= 15);
            given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'database' }.status",
                    equalTo("UP"));
            locker.rollback();
        }
        for (CompletableFuture<HttpResponse<String>> page : waiting) {
            assertEquals(200, page.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    private static io.restassured.response.Response history(long reader, long other) {
        return given().header("Authorization", Users.bearer(reader))
                .get("/users/{id}/friends/{friendId}/messages", reader, other);
    }

    private static io.restassured.response.Response registerDevice(long userId) {
        return given().header("Authorization", Users.bearer(userId)).contentType(ContentType.JSON)
                .body(new JsonObject().put("token", "ok-" + UUID.randomUUID()).put("platform", "android").encode())
                .put("/users/{id}/devices/{installationId}", userId, UUID.randomUUID().toString());
    }
}
