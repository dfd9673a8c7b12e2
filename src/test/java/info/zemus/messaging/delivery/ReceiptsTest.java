package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class ReceiptsTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    @Test
    void deliveredAndReadReceiptsReachBothOfTheSendersDevices() {
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice aliceLaptop = WsDevice.connect(alice, Users.token(alice));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            long first = Sender.send(alice, bob, "one").getLong("id");
            long second = Sender.send(alice, bob, "two").getLong("id");
            assertEquals(first, bobPhone.next("message").getLong("id"));
            assertEquals(second, bobPhone.next("message").getLong("id"));

            bobPhone.sendText(new JsonObject().put("type", "delivered").put("ids", new JsonArray(List.of(first, second))).encode());
            for (WsDevice device : List.of(alicePhone, aliceLaptop)) {
                JsonObject receipt = device.next("receipt");
                assertEquals("delivered", receipt.getString("status"));
                assertEquals(bob, receipt.getLong("by"));
                assertEquals(new JsonArray(List.of(first, second)), receipt.getJsonArray("ids"));
                assertNotNull(receipt.getString("at"));
            }

            bobPhone.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", first).encode());
            for (WsDevice device : List.of(alicePhone, aliceLaptop)) {
                JsonObject receipt = device.next("receipt");
                assertEquals("read", receipt.getString("status"));
                assertEquals(new JsonArray(List.of(first)), receipt.getJsonArray("ids"));
            }

            // History and replay show the receipts as message state.
            List<JsonObject> history = given().header("Authorization", Users.bearer(alice))
                    .get("/users/{id}/friends/{friendId}/messages", alice, bob)
                    .then().statusCode(200).extract().jsonPath().getList("messages", java.util.Map.class)
                    .stream().map(map -> new JsonObject((java.util.Map<String, Object>) map)).toList();
            assertNotNull(history.get(1).getString("readAt"));
            assertNotNull(history.get(0).getString("deliveredAt"));
            assertNull(history.get(0).getString("readAt"));
            try (WsDevice aliceTablet = WsDevice.reconnect(alice, Users.token(alice), first - 1)) {
                JsonObject replayedFirst = aliceTablet.next("message");
                assertNotNull(replayedFirst.getString("readAt"));
                assertNotNull(aliceTablet.next("message").getString("deliveredAt"));
            }
        }
    }

    @Test
    void aSenderDeviceThatWasAwayGetsTheReceiptsOfMessagesItAlreadyHad() {
        long first;
        long second;
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            first = Sender.send(alice, bob, "one").getLong("id");
            second = Sender.send(alice, bob, "two").getLong("id");
            assertEquals(first, alicePhone.next("message").getLong("id"));
            assertEquals(second, alicePhone.next("message").getLong("id"));
        }
        // While Alice's phone is away, Bob receives both and reads the first.
        try (WsDevice bobPhone = WsDevice.reconnect(bob, Users.token(bob), first - 1)) {
            bobPhone.next("recovered");
            bobPhone.sendText(new JsonObject().put("type", "delivered").put("ids", new JsonArray(List.of(first, second))).encode());
            bobPhone.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", first).encode());
            // A message after the receipts, on the same socket, proves they were handled when it arrives.
            long marker = Sender.send(alice, bob, "marker").getLong("id");
            assertEquals(marker, bobPhone.next("message").getLong("id"));
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> readAt(first) != null);
        }
        try (WsDevice alicePhone = WsDevice.reconnect(alice, Users.token(alice), second)) {
            JsonObject delivered = alicePhone.next("receipt");
            assertEquals("delivered", delivered.getString("status"));
            assertEquals(new JsonArray(List.of(second)), delivered.getJsonArray("ids"));
            JsonObject read = alicePhone.next("receipt");
            assertEquals("read", read.getString("status"));
            assertEquals(bob, read.getLong("by"));
            assertEquals(new JsonArray(List.of(first)), read.getJsonArray("ids"));
        }
    }

    private String readAt(long messageId) {
        return given().header("Authorization", Users.bearer(alice))
                .get("/users/{id}/friends/{friendId}/messages?before=" + (messageId + 1) + "&limit=1", alice, bob)
                .then().statusCode(200).extract().jsonPath().getString("messages[0].readAt");
    }

    @Test
    void receiptsForMessagesAddressedToSomeoneElseAreIgnored() {
        long carol = Users.fresh();
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice carolPhone = WsDevice.connect(carol, Users.token(carol))) {
            long toBob = Sender.send(alice, bob, "for bob only").getLong("id");
            alicePhone.next("message");
            // Carol claims to have received and read Bob's message: nothing is recorded or sent.
            carolPhone.sendText(new JsonObject().put("type", "delivered").put("ids", new JsonArray(List.of(toBob))).encode());
            carolPhone.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", toBob).encode());
            // Then Bob's real receipt is the first receipt Alice sees.
            try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
                bobPhone.sendText(new JsonObject().put("type", "delivered").put("ids", new JsonArray(List.of(toBob))).encode());
                JsonObject receipt = alicePhone.next("receipt");
                assertEquals(bob, receipt.getLong("by"));
            }
        }
    }

    @Test
    void malformedReceiptFramesGetAnError() {
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            for (JsonObject frame : List.of(new JsonObject().put("type", "delivered"),
                    new JsonObject().put("type", "delivered").put("ids", new JsonArray()),
                    new JsonObject().put("type", "delivered").put("ids", new JsonArray(List.of("x"))),
                    new JsonObject().put("type", "read").put("friendId", alice),
                    new JsonObject().put("type", "read").put("friendId", -1).put("upTo", 3))) {
                bobPhone.sendText(frame.encode());
                assertEquals("invalid_frame", bobPhone.next("error").getString("code"));
            }
        }
    }
}
