package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.FakeWebhookResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.Scrape;
import info.zemus.messaging.testing.ServiceNode;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real processes of the packaged jar on one database, with a broker between them: whichever node a
 * device is on, it gets each message once; receipts cross nodes; a killed node's devices recover on the
 * other; a broker outage loses nothing. Each broker's test says how it is set up and how it is broken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MultiNodeScenarios {

    private static final String SECRET = "the-nodes-secret-in-multi-node-tests-0123456789";

    private final FakeMainApiResource mainApi = new FakeMainApiResource();
    private final FakeWebhookResource pushGateway = new FakeWebhookResource();
    private final HttpSender sender = new HttpSender();
    private final List<ServiceNode> started = new ArrayList<>();
    private Map<String, String> common;
    /** Node A: the one whose broker link the outage test breaks. */
    protected ServiceNode a;
    protected ServiceNode b;

    /** Settings of the broker for the node of this name (type, where to reach it). */
    protected abstract Map<String, String> brokerConfig(String node);

    /** Breaks node A's link to the broker until {@link #restoreBroker()} (it may break B's too). */
    protected abstract void interruptBroker() throws Exception;

    protected abstract void restoreBroker() throws Exception;

    /**
     * Whether devices get messages stored on two nodes in id order even when they are stored a millisecond apart
     * (PROTOCOL.md, "Known limits": true for postgres, whose notifications are sent at commit, in commit order;
     * not for nats, where each node publishes after its own commit).
     */
    protected boolean ordersAcrossNodes() {
        return true;
    }

    /** Publishes a payload on the broker as a stranger would, where the nodes would read it for this user. */
    protected abstract void publishAsAStranger(long userId, String payload) throws Exception;

    @BeforeAll
    void startTwoNodes() throws Exception {
        mainApi.init(Map.of());
        common = new HashMap<>(mainApi.start());
        common.putAll(pushGateway.start());
        common.put("zemus.push.ack-timeout", "1s");
        common.put("zemus.broker.reconnect-delay", "300ms");
        common.put("zemus.broker.secret", SECRET);
        common.put("zemus.presence.offline-after", "1s");
        common.put("zemus.presence.node-lease", "3s");
        String run = getClass().getSimpleName() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        a = node(run + "-a", Map.of());
        b = node(run + "-b", Map.of());
        a.awaitReady();
        b.awaitReady();
    }

    /** Another node of the deployment, started now, with these settings over the common ones. */
    protected ServiceNode node(String name, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(common);
        config.putAll(brokerConfig(name));
        config.putAll(settings);
        ServiceNode node = ServiceNode.start(name, config);
        started.add(node);
        return node;
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (ServiceNode node : started) {
            node.close();
        }
        mainApi.stop();
        pushGateway.stop();
    }

    @Test
    void everyDeviceOnEitherNodeGetsEachMessageOnceInOrder() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        List<WsDevice> devices = List.of(connect(a, alice), connect(b, alice), connect(a, bob), connect(b, bob));
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ServiceNode through = i % 2 == 0 ? a : b;
            sent.add(i % 3 == 0 ? send(through, bob, alice, "reply " + i) : send(through, alice, bob, "hello " + i));
        }
        long marker = send(a, alice, bob, "last");
        for (WsDevice device : devices) {
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                got.add(device.next("message").getLong("id"));
            }
            if (ordersAcrossNodes()) {
                assertEquals(sent, got, "every message once, in id order");
            } else {
                assertEquals(sent, got.stream().sorted().toList(), "every message once");
            }
            // Nothing else came before the last message: no duplicate, no echo.
            assertEquals(marker, device.next().getLong("id"));
        }
    }

    @Test
    void manyDevicesConnectingAtOnceEachGetTheirMessage() throws Exception {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            users.add(Users.fresh());
        }
        // All at once on node B, as after a node's crash: each must be followed before its ready frame.
        ExecutorService connecting = Executors.newFixedThreadPool(users.size());
        List<WsDevice> devices;
        try {
            List<Future<WsDevice>> opened = new ArrayList<>();
            for (long user : users) {
                opened.add(connecting.submit(() -> connect(b, user)));
            }
            devices = new ArrayList<>();
            for (Future<WsDevice> device : opened) {
                devices.add(device.get());
            }
        } finally {
            connecting.shutdown();
        }
        long sender = Users.fresh();
        for (int i = 0; i < users.size(); i++) {
            long id = send(a, sender, users.get(i), "to " + i);
            assertEquals(id, devices.get(i).next("message").getLong("id"));
        }
    }

    @Test
    void aMessageTooLargeForNotifyStillArrivesWholeAndEachBringsTheRecipientsCounts() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        WsDevice bobOnB = connect(b, bob);
        String large = "€".repeat(4000); // 12,000 bytes of UTF-8: over NOTIFY's 8000, so re-read by id
        long id = send(a, alice, bob, large);
        long small = send(a, alice, bob, "small");
        JsonObject frame = bobOnB.next();
        assertEquals(id, frame.getLong("id"));
        assertEquals(large, frame.getString("content"));
        assertEquals(1, frame.getInteger("unread"), "the recipient's counts travel with the ids and come with it");
        assertEquals(1, frame.getInteger("total"));
        JsonObject next = bobOnB.next();
        assertEquals(small, next.getLong("id"));
        assertEquals(2, next.getInteger("unread"));
        assertEquals(2, next.getInteger("total"));
    }

    @Test
    void publicationsNotSignedWithTheNodesSecretOrMalformedAreNeverDelivered() throws Exception {
        long alice = Users.fresh();
        long bob = Users.fresh();
        List<WsDevice> devices = List.of(connect(a, bob), connect(b, bob));
        String forged = new JsonObject().put("node", "stranger").put("kind", "message").put("id", 999_999_999_999L)
                .put("senderId", alice).put("receiverId", bob).put("content", "forged")
                .put("sentAt", "2026-12-03T10:00:00Z").encode();
        publishAsAStranger(bob, forged);
        publishAsAStranger(bob, "0".repeat(64) + " " + forged);
        publishAsAStranger(bob, "not json at all \u0001\u00ff");
        publishAsAStranger(bob, "a".repeat(64) + " " + "{".repeat(7_000)); // near NOTIFY's limit, nested deep
        publishAsAStranger(bob, "");
        publishAsAStranger(bob, new JsonObject().put("node", "stranger").put("kind", "receipt").put("status", "read")
                .put("by", alice).put("senderId", bob).put("ids", List.of(1L)).put("at", "2026-12-03T10:00:00Z").encode());
        long real = send(a, alice, bob, "the real one");
        for (WsDevice device : devices) {
            JsonObject next = device.next();
            assertEquals("message", next.getString("type"), next.encode());
            assertEquals(real, next.getLong("id"), "the forged message was not shown: " + next.encode());
        }
        for (ServiceNode node : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.output().contains("publication with a wrong signature"));
        }
    }

    @Test
    void typingReachesTheFriendsDevicesOnBothNodesAndIsNeverStored() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        WsDevice aliceOnA = connect(a, alice);
        List<WsDevice> bobs = List.of(connect(a, bob), connect(b, bob));
        aliceOnA.sendText(new JsonObject().put("type", "typing").put("to", bob).put("state", "start").encode());
        for (WsDevice device : bobs) {
            JsonObject typing = device.next("typing");
            assertEquals(alice, typing.getLong("from"));
            assertEquals("start", typing.getString("state"));
        }
        long marker = send(b, alice, bob, "after typing");
        for (WsDevice device : bobs) {
            JsonObject next = device.next();
            assertEquals(marker, next.getLong("id"), "one typing frame, then the message: " + next.encode());
        }
    }

    @Test
    void receiptsReachTheSendersDevicesOnTheOtherNode() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        WsDevice aliceOnA = connect(a, alice);
        WsDevice aliceOnB = connect(b, alice);
        WsDevice bobOnB = connect(b, bob);
        long id = send(a, alice, bob, "did you get it?");
        JsonObject toBob = bobOnB.next("message");
        assertEquals(id, toBob.getLong("id"));
        assertEquals(1, toBob.getInteger("total"), "his badge with it");
        bobOnB.sendText(new JsonObject().put("type", "delivered").put("ids", List.of(id)).encode());
        for (WsDevice device : List.of(aliceOnA, aliceOnB)) {
            JsonObject receipt = device.next("receipt");
            assertEquals("delivered", receipt.getString("status"));
            assertEquals(1, receipt.getJsonArray("ids").size());
            assertEquals(id, receipt.getJsonArray("ids").getLong(0));
            assertEquals(bob, receipt.getLong("by"));
        }
        WsDevice bobOnA = connect(a, bob);
        bobOnB.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", id).encode());
        for (WsDevice device : List.of(aliceOnA, aliceOnB)) {
            assertEquals("read", device.next("receipt").getString("status"));
        }
        // Bob's devices on both nodes clear their badge for Alice.
        for (WsDevice device : List.of(bobOnA, bobOnB)) {
            JsonObject unread = device.next("unread");
            assertEquals(alice, unread.getLong("friendId"));
            assertEquals(0, unread.getInteger("unread"));
            assertEquals(0, unread.getInteger("total"));
        }
    }

    @Test
    void devicesOfAKilledNodeRecoverEverythingOnTheOther() throws Exception {
        ServiceNode doomed = node(a.name().replace("-a", "-c"), Map.of()).awaitReady();
        long alice = Users.fresh();
        long bob = Users.fresh();
        WsDevice bobOnDoomed = connect(doomed, bob);
        WsDevice bobOnB = connect(b, bob);
        long first = send(b, alice, bob, "before the crash");
        assertEquals(first, bobOnDoomed.next("message").getLong("id"));
        assertEquals(first, bobOnB.next("message").getLong("id"));

        doomed.kill();
        List<Long> missed = List.of(send(a, alice, bob, "during 1"), send(b, alice, bob, "during 2"));
        WsDevice back = WsDevice.reconnect(b.port(), bob, Users.token(bob), first);
        assertEquals(missed, List.of(back.next("message").getLong("id"), back.next("message").getLong("id")));
        assertEquals(2, back.next("recovered").getInteger("count"));
        assertEquals(missed, List.of(bobOnB.next("message").getLong("id"), bobOnB.next("message").getLong("id")));
    }

    @Test
    void presenceCrossesNodesAndAKilledNodesUsersGoOffline() throws Exception {
        long alice = Users.fresh();
        long bob = Users.fresh();
        WsDevice aliceOnA = connect(a, alice);
        aliceOnA.sendText(new JsonObject().put("type", "presence").put("watch", List.of(bob)).encode());
        assertEquals("offline", aliceOnA.next("presence").getString("state"));

        WsDevice bobOnB = connect(b, bob);
        assertEquals("online", aliceOnA.next("presence").getString("state"));
        bobOnB.closeAndWait();
        JsonObject offline = aliceOnA.next("presence");
        assertEquals("offline", offline.getString("state"));
        assertNotNull(offline.getString("lastSeen"));

        ServiceNode doomed = node(a.name().replace("-a", "-d"), Map.of()).awaitReady();
        connect(doomed, bob);
        assertEquals("online", aliceOnA.next("presence").getString("state"));
        Instant killed = Instant.now();
        doomed.kill(); // no close, no offline from it: its lease runs out (3 s here) and a live node sweeps it
        // The lease and a sweep period (1 s) on a machine running four nodes: 30 s leaves room for a slow CI run.
        JsonObject swept = aliceOnA.next("presence", Duration.ofSeconds(30));
        assertEquals(bob, swept.getLong("userId"));
        assertEquals("offline", swept.getString("state"));
        assertTrue(Instant.parse(swept.getString("lastSeen")).isBefore(killed.plusSeconds(4)),
                "last seen at the dead node's lease: " + swept);
    }

    @Test
    void aBrokerOutageClosesTheNodesSocketsWith4002AndLosesNothing() throws Exception {
        long alice = Users.fresh();
        long bob = Users.fresh();
        WsDevice bobOnA = connect(a, bob);
        long first = send(b, alice, bob, "before the outage");
        assertEquals(first, bobOnA.next("message").getLong("id"));

        interruptBroker();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> bobOnA.closeCode() != null);
            assertEquals(Disconnect.BROKER_LOST.code(), bobOnA.closeCode());
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> a.readiness() == 503);
            // Sends are stored meanwhile (the database is fine); only the link between nodes is down.
            List<Long> during = List.of(send(b, alice, bob, "during 1"), send(b, alice, bob, "during 2"));
            restoreBroker();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> a.readiness() == 200 && b.readiness() == 200);

            WsDevice back = WsDevice.reconnect(a.port(), bob, Users.token(bob), first);
            assertEquals(during, List.of(back.next("message").getLong("id"), back.next("message").getLong("id")));
            assertEquals(2, back.next("recovered").getInteger("count"));
            long after = send(b, alice, bob, "after the outage");
            assertEquals(after, back.next("message").getLong("id"), "live delivery across nodes again");
        } finally {
            restoreBroker();
        }
    }

    @Test
    void pushWaitsForAnAcknowledgementFromAnyNode() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        long carol = Users.fresh();
        String bobPhone = "ok-" + UUID.randomUUID();
        String carolPhone = "ok-" + UUID.randomUUID();
        registerPushDevice(b, bob, bobPhone);
        registerPushDevice(b, carol, carolPhone);
        WsDevice bobOnB = connect(b, bob);
        Scrape before = Scrape.of(a.port());

        // Stored on A, which sees no socket of either recipient: neither is pushed at once.
        long toBob = send(a, alice, bob, "bob is online on B");
        long toCarol = send(a, alice, carol, "carol is offline everywhere");
        assertEquals(toBob, bobOnB.next("message").getLong("id"));
        bobOnB.sendText(new JsonObject().put("type", "delivered").put("ids", List.of(toBob)).encode());

        // Carol acknowledged nothing within the timeout: A pushes her message.
        List<JsonObject> carolGot = await().atMost(Duration.ofSeconds(20))
                .until(() -> FakeWebhookResource.received(carolPhone), got -> !got.isEmpty());
        assertTrue(carolGot.get(0).getBoolean("verified"));
        assertEquals(Long.toString(toCarol), carolGot.get(0).getJsonObject("body").getString("messageId"));
        assertEquals("1", carolGot.get(0).getJsonObject("body").getString("unreadTotal"), "her icon's badge");
        // Bob's device on B acknowledged: A, reading the database, skips his push.
        await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.of(a.port())
                .value("zemus_push_skipped_total", "reason", "acknowledged")
                > before.value("zemus_push_skipped_total", "reason", "acknowledged"));
        assertEquals(List.of(), FakeWebhookResource.received(bobPhone));
    }

    protected static void registerPushDevice(ServiceNode node, long userId, String token) {
        given().port(node.port()).header("Authorization", Users.bearer(userId)).contentType(ContentType.JSON)
                .body(new JsonObject().put("token", token).put("platform", "android").encode())
                .put("/users/{id}/devices/{installationId}", userId, UUID.randomUUID().toString())
                .then().statusCode(204);
    }

    protected long send(ServiceNode through, long from, long to, String text) {
        HttpResponse<String> response = sender.send(through.port(), from, to, text);
        assertEquals(201, response.statusCode(), response.body());
        return new JsonObject(response.body()).getLong("id");
    }

    protected static WsDevice connect(ServiceNode node, long userId) {
        return WsDevice.connect(node.port(), userId, Users.token(userId));
    }
}
