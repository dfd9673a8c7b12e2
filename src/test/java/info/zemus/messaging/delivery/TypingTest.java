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

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "Typing..." between real WebSocket clients: passed on at once to the friend's devices, never stored, never to
 * someone who is not a friend, and a flood of frames reaches the friend as one per state and interval.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class TypingTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private static String typing(long to, String state) {
        JsonObject frame = new JsonObject().put("type", "typing").put("to", to);
        return (state == null ? frame : frame.put("state", state)).encode();
    }

    @Test
    void aFriendsDevicesSeeTypingStartAndStopAndNothingIsStored() {
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob));
             WsDevice bobLaptop = WsDevice.connect(bob, Users.token(bob))) {
            alicePhone.sendText(typing(bob, "start"));
            for (WsDevice device : List.of(bobPhone, bobLaptop)) {
                JsonObject frame = device.next("typing");
                assertEquals(alice, frame.getLong("from"));
                assertEquals("start", frame.getString("state"));
                assertEquals(6, frame.getLong("expiresIn"));
            }
            alicePhone.sendText(typing(bob, "stop"));
            assertEquals("stop", bobPhone.next("typing").getString("state"));
        }
        assertEquals(0, TestDatabase.countBetween(alice, bob));
    }

    @Test
    void aFloodOfTypingFramesReachesTheFriendOncePerStateAndInterval() {
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            for (int i = 0; i < 200; i++) {
                alicePhone.sendText(typing(bob, null)); // "start" by default, as on every keystroke
            }
            long marker = Sender.send(alice, bob, "done typing").getLong("id");
            List<JsonObject> before = new ArrayList<>();
            JsonObject frame = bobPhone.next();
            for (; !"message".equals(frame.getString("type")); frame = bobPhone.next()) {
                before.add(frame);
            }
            assertEquals(marker, frame.getLong("id"));
            assertEquals(1, before.stream().filter(f -> "typing".equals(f.getString("type"))).count(), before.toString());
            assertEquals(1, TestDatabase.countBetween(alice, bob));
            assertEquals(List.of(), alicePhone.drain().stream().filter(f -> "error".equals(f.getString("type"))).toList(),
                    "dropped silently: no error for the extra frames");
        }
    }

    @Test
    void neverToSomeoneWhoIsNotAFriendAndBadFramesAreRefused() {
        long mallory = Users.fresh();
        FakeMainApiControl.unfriend(mallory, bob);
        try (WsDevice malloryPhone = WsDevice.connect(mallory, Users.token(mallory));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            malloryPhone.sendText(typing(bob, "start"));
            assertEquals("not_friends", malloryPhone.next("error").getString("code"));
            for (String bad : List.of(new JsonObject().put("type", "typing").encode(), typing(-1, "start"),
                    typing(bob, "maybe"), typing(mallory, "start"))) {
                malloryPhone.sendText(bad);
                JsonObject error = malloryPhone.next("error");
                assertEquals(400, error.getInteger("status"), bad + " -> " + error.encode());
            }
            // Bob got no typing frame: the next thing he sees is a message from a friend.
            long fromAlice = Sender.send(alice, bob, "hi").getLong("id");
            JsonObject next = bobPhone.next();
            assertEquals("message", next.getString("type"), next.encode());
            assertEquals(fromAlice, next.getLong("id"));
        }
    }
}
