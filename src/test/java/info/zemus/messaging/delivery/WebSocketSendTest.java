package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class WebSocketSendTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private static JsonObject sendFrame(Object to, Object message, String key) {
        return new JsonObject().put("type", "send").put("to", to).put("message", message).put("key", key);
    }

    @Test
    void aSendFrameIsStoredAckedAndDeliveredLikeAPost() {
        String key = UUID.randomUUID().toString();
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice aliceLaptop = WsDevice.connect(alice, Users.token(alice));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            alicePhone.sendText(sendFrame(bob, "over the socket", key).encode());

            JsonObject ack = alicePhone.next("ack");
            assertEquals(key, ack.getString("key"));
            JsonObject message = ack.getJsonObject("message");
            assertEquals("over the socket", message.getString("content"));
            assertEquals(1, message.getJsonObject("delivery").getInteger("devices"));
            assertFalse(message.getJsonObject("delivery").getBoolean("pushed"));

            assertEquals(message.getLong("id"), bobPhone.next("message").getLong("id"));
            assertEquals(message.getLong("id"), aliceLaptop.next().getLong("id"));
            assertEquals(1, TestDatabase.countBetween(alice, bob));

            // A retry of the same key stores nothing; Bob has not acknowledged the message, so it is delivered
            // again, as a first send would (his app drops the id it has).
            long id = message.getLong("id");
            alicePhone.sendText(sendFrame(bob, "over the socket", key).encode());
            JsonObject again = alicePhone.next("ack");
            assertEquals(id, again.getJsonObject("message").getLong("id"));
            assertEquals(1, again.getJsonObject("message").getJsonObject("delivery").getInteger("devices"));
            assertEquals(id, bobPhone.next("message").getLong("id"));

            // Acknowledged, a retry delivers nothing new.
            bobPhone.sendText(new JsonObject().put("type", "delivered").put("ids", List.of(id)).encode());
            await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.isDelivered(id));
            alicePhone.sendText(sendFrame(bob, "over the socket", key).encode());
            assertNull(alicePhone.next("ack").getJsonObject("message").getValue("delivery"));
            long next = Sender.send(alice, bob, "next").getLong("id");
            assertEquals(next, bobPhone.next("message").getLong("id"));
            assertEquals(2, TestDatabase.countBetween(alice, bob));
        }
    }

    @Test
    void framesSentBackToBackAreHandledOneAfterTheOtherInOrder() {
        // More frames than one chunk of the connection's inbound queue (InboundQueues), fewer than the send burst.
        int count = 3 * InboundQueues.CHUNK;
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            for (int i = 0; i < count; i++) {
                alicePhone.sendText(sendFrame(bob, "in order " + i, "k" + i).encode());
            }
            long previous = 0;
            for (int i = 0; i < count; i++) {
                JsonObject ack = alicePhone.next("ack");
                assertEquals("k" + i, ack.getString("key"));
                long id = ack.getJsonObject("message").getLong("id");
                assertTrue(id > previous, "ids follow the frames' order");
                previous = id;
                assertEquals("in order " + i, bobPhone.next("message").getString("content"));
            }
        }
        assertEquals(count, TestDatabase.countBetween(alice, bob));
    }

    @Test
    void refusalsComeBackAsErrorFramesWithTheHttpCodes() {
        FakeMainApiControl.unfriend(alice, bob);
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            assertError(alicePhone, sendFrame(bob, "hi", "k1"), "k1", "not_friends", 403);
            assertError(alicePhone, sendFrame(alice, "me", "k2"), "k2", "self_message", 400);
            assertError(alicePhone, sendFrame(-4, "hi", "k3"), "k3", "invalid_id", 400);
            assertError(alicePhone, sendFrame("12", "hi", "k4"), "k4", "invalid_id", 400);
            assertError(alicePhone, sendFrame(Users.fresh(), "  ", "k5"), "k5", "empty_message", 400);
            assertError(alicePhone, sendFrame(Users.fresh(), "x".repeat(4097), "k6"), "k6", "message_too_large", 413);
            assertError(alicePhone, sendFrame(Users.fresh(), 42, "k7"), "k7", "invalid_body", 400);
            assertError(alicePhone, sendFrame(Users.fresh(), "hi", "bad key!"), "bad key!", "invalid_idempotency_key", 400);
            assertError(alicePhone, new JsonObject().put("type", "send").put("to", bob).put("message", "no key"),
                    null, "invalid_frame", 400);
        }
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    private static void assertError(WsDevice device, JsonObject frame, String key, String code, int status) {
        device.sendText(frame.encode());
        JsonObject error = device.next("error");
        assertEquals(key, error.getString("key"));
        assertEquals(code, error.getString("code"));
        assertEquals(status, error.getInteger("status"));
    }
}
