package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class IdempotentSendTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private Response send(long to, String message, String key) {
        var request = given().header("Authorization", Users.bearer(alice)).contentType(ContentType.JSON);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body(new JsonObject().put("message", message).encode())
                .post("/users/{id}/friends/{friendId}/message", alice, to);
    }

    @Test
    void aRetryWithTheSameKeyStoresNothingAndDeliversAgainOnlyWhatTheRecipientDidNotAcknowledge() {
        String key = UUID.randomUUID().toString();
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            long id = send(bob, "once", key).then().statusCode(201)
                    .body("delivery.devices", equalTo(1)).body("delivery.pushed", equalTo(false))
                    .extract().jsonPath().getLong("id");
            assertEquals(id, bobPhone.next("message").getLong("id"));

            // The sender retries: it never got the answer, as far as it knows. Bob has not acknowledged the
            // message, so it is delivered again, as its first send would have been (Bob's app drops the id).
            long replayed = send(bob, "once", key).then().statusCode(200)
                    .body("content", equalTo("once")).body("delivery.devices", equalTo(1))
                    .extract().jsonPath().getLong("id");
            assertEquals(id, replayed);
            assertEquals(id, bobPhone.next("message").getLong("id"));

            // Once Bob acknowledged it, a retry delivers nothing new.
            bobPhone.sendText(new JsonObject().put("type", "delivered").put("ids", List.of(id)).encode());
            await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.isDelivered(id));
            send(bob, "once", key).then().statusCode(200).body("id", equalTo((int) id)).body("delivery", nullValue());
            long next = send(bob, "twice", null).then().statusCode(201).extract().jsonPath().getLong("id");
            assertEquals(next, bobPhone.next("message").getLong("id"), "nothing came between");
        }
        assertEquals(2, TestDatabase.countBetween(alice, bob));
    }

    @Test
    void twoRacingRequestsWithOneKeyStoreOneRow() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return send(bob, "race", key);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<Response> racer : racers) {
            Response response = racer.get();
            statuses.add(response.statusCode());
            ids.add(response.jsonPath().getLong("id"));
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 200), statuses.toString());
        assertEquals(1, ids.stream().distinct().count());
        assertEquals(1, TestDatabase.countBetween(alice, bob));
    }

    @Test
    void theSameKeyFromAnotherSenderIsAnotherMessage() {
        String key = UUID.randomUUID().toString();
        send(bob, "from alice", key).then().statusCode(201);
        given().header("Authorization", Users.bearer(bob)).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"message\":\"from bob\"}").post("/users/{id}/friends/{friendId}/message", bob, alice)
                .then().statusCode(201);
        assertEquals(2, TestDatabase.countBetween(alice, bob));
    }

    @Test
    void reusingAKeyForAnotherMessageIsAConflict() {
        String key = UUID.randomUUID().toString();
        send(bob, "first", key).then().statusCode(201);
        send(bob, "something else", key).then().statusCode(409).body("code", equalTo("idempotency_key_reused"));
        assertEquals(List.of("first"), TestDatabase.contents(alice, bob));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "é", "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void refusesMalformedKeys(String key) {
        send(bob, "hi", key).then().statusCode(400).body("code", equalTo("invalid_idempotency_key"));
        assertEquals(0, TestDatabase.countBetween(alice, bob));
    }

    @Test
    void saysWhenTheMessageWentToPushInstead() {
        send(bob, "nobody home", null).then().statusCode(201)
                .body("delivery.devices", equalTo(0)).body("delivery.pushed", equalTo(true));
    }
}
