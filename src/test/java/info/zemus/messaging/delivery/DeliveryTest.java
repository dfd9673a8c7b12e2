package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.RawUpgrade;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class DeliveryTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();
    private final long carol = Users.fresh();

    @Test
    void deliversToEveryDeviceOfTheRecipientAndToTheSendersOtherDevice() {
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob));
             WsDevice bobTablet = WsDevice.connect(bob, Users.token(bob));
             WsDevice bobLaptop = WsDevice.connect(bob, Users.token(bob));
             WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice carolPhone = WsDevice.connect(carol, Users.token(carol))) {

            JsonObject stored = Sender.send(alice, bob, "Bonjour à tous tes appareils");

            for (WsDevice device : List.of(bobPhone, bobTablet, bobLaptop, alicePhone)) {
                JsonObject frame = device.next();
                assertEquals("message", frame.getString("type"));
                assertEquals(stored.getLong("id"), frame.getLong("id"));
                assertEquals(alice, frame.getLong("senderId"));
                assertEquals(bob, frame.getLong("receiverId"));
                assertEquals("Bonjour à tous tes appareils", frame.getString("content"));
                assertEquals(stored.getString("sentAt"), frame.getString("sentAt"));
            }
            // Carol's first frame is the one meant for her: nothing of Alice and Bob reached her before.
            JsonObject forCarol = Sender.send(bob, carol, "only for carol");
            assertEquals(forCarol.getLong("id"), carolPhone.next().getLong("id"));
            // And each of Bob's devices got the first message exactly once.
            for (WsDevice device : List.of(bobPhone, bobTablet, bobLaptop)) {
                // (After the unread counts that followed the first.)
                assertEquals(forCarol.getLong("id"), device.next("message").getLong("id"));
            }
        }
    }

    @Test
    void aClosedDeviceNoLongerReceivesButTheOthersDo() {
        try (WsDevice kept = WsDevice.connect(bob, Users.token(bob))) {
            WsDevice closed = WsDevice.connect(bob, Users.token(bob));
            closed.closeAndWait();
            JsonObject stored = Sender.send(alice, bob, "after close");
            assertEquals(stored.getLong("id"), kept.next().getLong("id"));
            assertTrue(closed.drain().isEmpty());
        }
    }

    @Test
    void acceptsTheTokenFromTheBearerSubprotocolAsBrowsersSendIt() {
        try (WsDevice browser = WsDevice.connectWithSubprotocol(bob, Users.token(bob))) {
            assertEquals("bearer", browser.subprotocol());
            JsonObject stored = Sender.send(alice, bob, "to the browser");
            assertEquals(stored.getLong("id"), browser.next().getLong("id"));
        }
    }

    @Test
    void declinesPerMessageCompressionAsOfferedByBrowsersAndOkHttp() throws Exception {
        String offer = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";
        try (Socket socket = RawUpgrade.open(bob, offer)) {
            List<String> answer = List.of(RawUpgrade.readHeaders(socket.getInputStream()).split("\r\n"));
            assertEquals("HTTP/1.1 101 Switching Protocols", answer.get(0), answer.toString());
            assertFalse(answer.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions")),
                    answer.toString());
        }
    }

    @Test
    void closesAConnectionThatSendsAnOversizedFrameWith1009() {
        try (WsDevice abuser = WsDevice.connect(bob, Users.token(bob))) {
            abuser.sendText("{\"type\":\"" + "x".repeat(70_000) + "\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> abuser.closeCode() != null);
            assertEquals(1009, abuser.closeCode());
        }
    }

    @Test
    void answersMalformedFramesWithAnErrorAndClosesWith4004OnRepeatedAbuse() {
        try (WsDevice abuser = WsDevice.connect(bob, Users.token(bob))) {
            for (String frame : List.of("not json", "[1]", "{\"type\":\"hello\"}", "{\"no\":\"type\"}")) {
                abuser.sendText(frame);
                JsonObject error = abuser.next();
                assertEquals("error", error.getString("type"));
                assertEquals("invalid_frame", error.getString("code"));
            }
            // Still open and served after a few mistakes.
            JsonObject stored = Sender.send(alice, bob, "still open");
            assertEquals(stored.getLong("id"), abuser.next().getLong("id"));
            for (int i = 0; i < 7; i++) {
                abuser.sendText("{}");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> abuser.closeCode() != null);
            assertEquals(Disconnect.TOO_MANY_INVALID_FRAMES.code(), abuser.closeCode());
        }
    }

    @Test
    void refusesTheUpgradeWithoutAToken() {
        assertEquals(401, WsDevice.rejectedStatus(WsDevice.options(bob)));
    }

    @Test
    void refusesTheUpgradeWithAnotherUsersToken() {
        assertEquals(401, WsDevice.rejectedStatus(WsDevice.options(bob).addHeader("Authorization", Users.bearer(alice))));
        assertEquals(401, WsDevice.rejectedStatus(WsDevice.options(bob).setSubProtocols(List.of("bearer", Users.token(alice)))));
    }

    @Test
    void refusesTheUpgradeWithAnInvalidOrMalformedToken() {
        assertEquals(401, WsDevice.rejectedStatus(WsDevice.options(bob).addHeader("Authorization", "Bearer forged")));
        assertEquals(401, WsDevice.rejectedStatus(WsDevice.options(bob).addHeader("Authorization", "Basic Ym9iOnB3")));
    }

    @Test
    void refusesTheUpgradeForAnInvalidUserId() {
        for (String id : List.of("abc", "0", "-1", "")) {
            assertEquals(400, WsDevice.rejectedStatus(WsDevice.options(id).addHeader("Authorization", Users.bearer(bob))));
        }
    }

    @Test
    void refusesTheUpgradeWith503WhenTheMainApiIsDown() {
        FakeMainApiControl.during(Mode.DOWN, () ->
                assertEquals(503, WsDevice.rejectedStatus(WsDevice.options(bob).addHeader("Authorization", Users.bearer(bob)))));
    }
}
