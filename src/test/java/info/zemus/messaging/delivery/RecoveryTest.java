package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class RecoveryTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    @Test
    void aReconnectingDeviceGetsWhatItMissedThenLiveMessagesExactlyOnceInOrder() throws Exception {
        long lastSeen;
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            lastSeen = Sender.send(alice, bob, "before the tunnel").getLong("id");
            assertEquals(lastSeen, bobPhone.next().getLong("id"));
        }
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(Sender.send(alice, bob, "missed " + i).getLong("id"));
        }
        // 20 more are sent while the phone reconnects and replays: some land in the replay, some
        // arrive live, some during the switch; each must arrive once.
        CompletableFuture<List<Long>> during = CompletableFuture.supplyAsync(() -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(Sender.send(alice, bob, "during " + i).getLong("id"));
            }
            return ids;
        });
        try (WsDevice bobPhone = WsDevice.reconnect(bob, Users.token(bob), lastSeen)) {
            expected.addAll(during.get());
            List<Long> received = new ArrayList<>();
            while (received.size() < expected.size()) {
                received.add(bobPhone.next("message").getLong("id"));
            }
            assertEquals(expected, received);
            // Nothing more: the next message is a new one.
            long after = Sender.send(alice, bob, "after").getLong("id");
            assertEquals(after, bobPhone.next("message").getLong("id"));
        }
    }

    @Test
    void theReplayHoldsWhatTheUserSentFromOtherDevicesAndEndsWithRecovered() {
        long sent = Sender.send(bob, alice, "from bob's laptop").getLong("id");
        long received = Sender.send(alice, bob, "to bob").getLong("id");
        Sender.send(alice, Users.fresh(), "not bob's business");
        try (WsDevice bobPhone = WsDevice.reconnect(bob, Users.token(bob), sent - 1)) {
            assertEquals(sent, bobPhone.next().getLong("id"));
            assertEquals(received, bobPhone.next().getLong("id"));
            JsonObject recovered = bobPhone.next();
            assertEquals("recovered", recovered.getString("type"));
            assertEquals(2, recovered.getInteger("count"));
            assertEquals(sent - 1, recovered.getLong("since"));
        }
    }

    @Test
    void aReconnectWithNothingMissedRecoversZero() {
        long last = Sender.send(alice, bob, "seen").getLong("id");
        try (WsDevice bobPhone = WsDevice.reconnect(bob, Users.token(bob), last)) {
            JsonObject recovered = bobPhone.next();
            assertEquals("recovered", recovered.getString("type"));
            assertEquals(0, recovered.getInteger("count"));
        }
    }

    @Test
    void refusesAMalformedSince() {
        for (String since : List.of("-1", "abc", "1.5", "")) {
            assertEquals(400, WsDevice.rejectedStatus(
                    WsDevice.options(bob + "&since=" + since).addHeader("Authorization", Users.bearer(bob))));
        }
    }
}
