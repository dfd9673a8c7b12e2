package info.zemus.messaging.push;

import info.zemus.messaging.testing.FakeFcmControl;
import info.zemus.messaging.testing.FakeFcmResource;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.PushDeviceRows;
import info.zemus.messaging.testing.Scrape;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Push through FCM HTTP v1, against a fake FCM and token endpoint over real HTTP (see {@link
 * info.zemus.messaging.testing.FakeFcm} for what each token prefix makes it answer): when a message is
 * pushed, what the push says, and what each answer does to the device.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
@WithTestResource(FakeFcmResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FcmPushTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private static List<JsonObject> attemptsUntil(String token, int count) {
        return await().atMost(WAIT).until(() -> FakeFcmControl.attempts(token), attempts -> attempts.size() >= count);
    }

    private static double counter(String name, String... labels) {
        return Scrape.now().value(name, labels);
    }

    // First, while the service holds no access token yet: concurrent pushes must share one token request.
    @Test
    @Order(1)
    void fetchesTheAccessTokenOnceForManyPushes() throws Exception {
        List<String> tokens = new ArrayList<>();
        List<Long> recipients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            long recipient = Users.fresh();
            String token = PushDevices.token("ok-");
            PushDevices.register(recipient, token);
            recipients.add(recipient);
            tokens.add(token);
        }
        // All at once, while the fake token endpoint takes 300 ms to answer the first fetch.
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (long recipient : recipients) {
                sends.add(CompletableFuture.runAsync(() -> Sender.send(alice, recipient, "hi"), senders));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }
        for (String token : tokens) {
            assertEquals(200, attemptsUntil(token, 1).get(0).getInteger("status"));
        }
        assertEquals(1, FakeFcmControl.tokenCalls());
    }

    @Test
    void pushesAMessageForAnOfflineRecipientAtOnceWithIdsOnly() {
        String token = PushDevices.token("ok-");
        PushDevices.register(bob, token);

        JsonObject sent = Sender.send(alice, bob, "the secret plans");
        assertTrue(sent.getJsonObject("delivery").getBoolean("pushed"));

        List<JsonObject> attempts = attemptsUntil(token, 1);
        assertEquals(1, attempts.size());
        JsonObject body = attempts.get(0).getJsonObject("body");
        JsonObject message = body.getJsonObject("message");
        assertEquals(token, message.getString("token"));
        JsonObject data = message.getJsonObject("data");
        assertEquals(Long.toString(sent.getLong("id")), data.getString("messageId"));
        assertEquals(Long.toString(alice), data.getString("senderId"));
        String conversation = Math.min(alice, bob) + "-" + Math.max(alice, bob);
        assertEquals(conversation, data.getString("conversationId"));
        assertEquals("New message", message.getJsonObject("notification").getString("body"));
        assertEquals("zemus-" + conversation, message.getJsonObject("android").getString("collapse_key"));
        assertEquals("zemus-" + conversation,
                message.getJsonObject("apns").getJsonObject("headers").getString("apns-collapse-id"));
        // The icon badge: the recipient's unread total right after this message, even with ids only.
        assertEquals("1", data.getString("unreadTotal"));
        assertEquals(1, message.getJsonObject("apns").getJsonObject("payload").getJsonObject("aps").getInteger("badge"));
        assertEquals(1, message.getJsonObject("android").getJsonObject("notification").getInteger("notification_count"));
        assertFalse(body.encode().contains("secret plans"), "the text must not leave by default");
        assertTrue(attempts.get(0).getString("authorization").startsWith("Bearer fake-access-"));
    }

    @Test
    void pushesAMessageDeliveredToASocketButNotAcknowledgedInTime() {
        String token = PushDevices.token("ok-");
        PushDevices.register(bob, token);
        try (WsDevice sleepyPhone = WsDevice.connect(bob, Users.token(bob))) {
            JsonObject sent = Sender.send(alice, bob, "wake up");
            assertEquals(1, sent.getJsonObject("delivery").getInteger("devices"));
            assertEquals(sent.getLong("id"), sleepyPhone.next("message").getLong("id"));
            // The app got the frame but never said "delivered": after the ack timeout it is pushed.
            List<JsonObject> attempts = attemptsUntil(token, 1);
            assertEquals(Long.toString(sent.getLong("id")),
                    attempts.get(0).getJsonObject("body").getJsonObject("message").getJsonObject("data").getString("messageId"));
        }
    }

    @Test
    void doesNotPushAMessageAcknowledgedInTime() {
        String token = PushDevices.token("ok-");
        PushDevices.register(bob, token);
        double acknowledged = counter("zemus_push_skipped_total", "reason", "acknowledged");
        try (WsDevice phone = WsDevice.connect(bob, Users.token(bob))) {
            long id = Sender.send(alice, bob, "got it?").getLong("id");
            assertEquals(id, phone.next("message").getLong("id"));
            phone.sendText(new JsonObject().put("type", "delivered").put("ids", new JsonArray().add(id)).encode());
            await().atMost(WAIT).until(() -> counter("zemus_push_skipped_total", "reason", "acknowledged") > acknowledged);
        }
        assertEquals(List.of(), FakeFcmControl.attempts(token));
    }

    @Test
    void neverPushesAReadMessage() {
        String token = PushDevices.token("ok-");
        PushDevices.register(bob, token);
        double acknowledged = counter("zemus_push_skipped_total", "reason", "acknowledged");
        try (WsDevice phone = WsDevice.connect(bob, Users.token(bob))) {
            long id = Sender.send(alice, bob, "read me").getLong("id");
            assertEquals(id, phone.next("message").getLong("id"));
            phone.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", id).encode());
            await().atMost(WAIT).until(() -> counter("zemus_push_skipped_total", "reason", "acknowledged") > acknowledged);
        }
        assertEquals(List.of(), FakeFcmControl.attempts(token));
    }

    @Test
    void neverPushesTheSendersOwnDevices() {
        String bobToken = PushDevices.token("ok-");
        String aliceToken = PushDevices.token("ok-");
        PushDevices.register(bob, bobToken);
        PushDevices.register(alice, aliceToken);
        Sender.send(alice, bob, "for bob only");
        attemptsUntil(bobToken, 1);
        assertEquals(List.of(), FakeFcmControl.attempts(aliceToken));
    }

    @Test
    void collapsesABurstOfOneConversationIntoOnePush() {
        String token = PushDevices.token("ok-");
        PushDevices.register(bob, token);
        long carol = Users.fresh();
        double collapsed = counter("zemus_push_skipped_total", "reason", "collapsed");

        List<Boolean> pushed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pushed.add(Sender.send(alice, bob, "burst " + i).getJsonObject("delivery").getBoolean("pushed"));
        }
        pushed.add(Sender.send(carol, bob, "another conversation").getJsonObject("delivery").getBoolean("pushed"));
        // The sender learns which of its sends went to push at once: the first of each conversation.
        assertEquals(List.of(true, false, false, true), pushed);

        List<JsonObject> attempts = attemptsUntil(token, 2);
        // The policy decided during the sends, before their answers: two of alice's three were collapsed.
        assertEquals(collapsed + 2, counter("zemus_push_skipped_total", "reason", "collapsed"));
        assertEquals(2, attempts.size());
        assertNotEquals(attempts.get(0).getJsonObject("body").getJsonObject("message").getJsonObject("data").getString("conversationId"),
                attempts.get(1).getJsonObject("body").getJsonObject("message").getJsonObject("data").getString("conversationId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dead-", "mismatch-", "bad-"})
    void deletesTheDeviceOfADeadToken(String prefix) {
        String token = PushDevices.token(prefix);
        String installation = PushDevices.register(bob, token);
        Sender.send(alice, bob, "anyone?");
        await().atMost(WAIT).until(() -> PushDeviceRows.installation(installation) == null);
        assertEquals(1, FakeFcmControl.attempts(token).size(), "a dead token is not retried");
    }

    @Test
    void keepsTheDeviceWhenFcmRefusesOurPayload() {
        String token = PushDevices.token("payload-");
        String installation = PushDevices.register(bob, token);
        double failed = counter("zemus_push_sent_total", "provider", "fcm", "outcome", "failed");
        Sender.send(alice, bob, "bad payload");
        await().atMost(WAIT).until(() -> counter("zemus_push_sent_total", "provider", "fcm", "outcome", "failed") > failed);
        assertEquals(1, FakeFcmControl.attempts(token).size(), "our own bug is not retried");
        assertNotNull(PushDeviceRows.installation(installation));
    }

    @Test
    void keepsTheDeviceOnANotFoundThatIsNotFcms() {
        // A proxy or a wrong base URL answers 404 for every push: without FCM's UNREGISTERED, no device is dropped.
        String token = PushDevices.token("lost-");
        String installation = PushDevices.register(bob, token);
        double failed = counter("zemus_push_sent_total", "provider", "fcm", "outcome", "failed");
        Sender.send(alice, bob, "through a broken proxy");
        await().atMost(WAIT).until(() -> counter("zemus_push_sent_total", "provider", "fcm", "outcome", "failed") > failed);
        assertEquals(404, FakeFcmControl.attempts(token).get(0).getInteger("status"));
        assertNotNull(PushDeviceRows.installation(installation));
    }

    @Test
    void readsAnAnswerWhoseBodyIsNotJsonByItsStatus() {
        String token = PushDevices.token("garbled-");
        String installation = PushDevices.register(bob, token);
        double sent = counter("zemus_push_sent_total", "provider", "fcm", "outcome", "sent");
        Sender.send(alice, bob, "garbled answer");
        await().atMost(WAIT).until(() -> counter("zemus_push_sent_total", "provider", "fcm", "outcome", "sent") > sent);
        assertEquals(1, FakeFcmControl.attempts(token).size());
        assertNotNull(PushDeviceRows.installation(installation));
    }

    @Test
    void aHugeErrorAnswerFailsThatPushOnlyAndKeepsTheDevice() {
        String token = PushDevices.token("huge-");
        String installation = PushDevices.register(bob, token);
        double failed = counter("zemus_push_sent_total", "provider", "fcm", "outcome", "failed");
        Sender.send(alice, bob, "huge answer");
        await().atMost(WAIT).until(() -> counter("zemus_push_sent_total", "provider", "fcm", "outcome", "failed") > failed);
        assertEquals(1, FakeFcmControl.attempts(token).size(), "not retried");
        assertNotNull(PushDeviceRows.installation(installation));
        // The service is fine: the next push goes out.
        long carol = Users.fresh();
        String next = PushDevices.token("ok-");
        PushDevices.register(carol, next);
        Sender.send(alice, carol, "after the huge one");
        assertEquals(200, attemptsUntil(next, 1).get(0).getInteger("status"));
    }

    @Test
    void retriesAServerErrorWithBackoff() {
        String token = PushDevices.token("busy-");
        String installation = PushDevices.register(bob, token);
        Sender.send(alice, bob, "busy");
        List<JsonObject> attempts = attemptsUntil(token, 2);
        assertEquals(503, attempts.get(0).getInteger("status"));
        assertEquals(200, attempts.get(1).getInteger("status"));
        assertNotNull(PushDeviceRows.installation(installation));
    }

    @Test
    void honoursRetryAfterOnQuotaExceeded() {
        String token = PushDevices.token("quota-");
        PushDevices.register(bob, token);
        Sender.send(alice, bob, "quota");
        List<JsonObject> attempts = attemptsUntil(token, 2);
        assertEquals(429, attempts.get(0).getInteger("status"));
        assertEquals(200, attempts.get(1).getInteger("status"));
        long waited = attempts.get(1).getLong("at") - attempts.get(0).getLong("at");
        assertTrue(waited >= 1000, "Retry-After: 1 honoured, waited " + waited + " ms");
    }

    @Test
    void retriesAfterATimeout() {
        String token = PushDevices.token("slow-");
        PushDevices.register(bob, token);
        Sender.send(alice, bob, "slow");
        List<JsonObject> attempts = attemptsUntil(token, 2);
        assertEquals(200, attempts.get(1).getInteger("status"));
    }

    @Test
    void givesUpAtThePushDeadline() {
        String token = PushDevices.token("down-");
        String installation = PushDevices.register(bob, token);
        double expired = counter("zemus_push_sent_total", "provider", "fcm", "outcome", "expired");
        Sender.send(alice, bob, "nobody home");
        await().atMost(WAIT).until(() -> counter("zemus_push_sent_total", "provider", "fcm", "outcome", "expired") > expired);
        int attempts = FakeFcmControl.attempts(token).size();
        assertTrue(attempts >= 2, "retried before giving up: " + attempts);
        assertNotNull(PushDeviceRows.installation(installation), "an outage is not a dead token");
    }

    @Test
    void refreshesTheAccessTokenOnceWhenFcmRefusesIt() {
        String token = PushDevices.token("auth-");
        PushDevices.register(bob, token);
        int before = FakeFcmControl.tokenCalls();
        Sender.send(alice, bob, "new token please");
        List<JsonObject> attempts = attemptsUntil(token, 2);
        assertEquals(401, attempts.get(0).getInteger("status"));
        assertEquals(200, attempts.get(1).getInteger("status"));
        assertNotEquals(attempts.get(0).getString("authorization"), attempts.get(1).getString("authorization"));
        assertEquals(before + 1, FakeFcmControl.tokenCalls());
    }

    @Test
    void pushesNothingToAUserWithoutDevices() {
        double noDevice = counter("zemus_push_skipped_total", "reason", "no_device");
        Sender.send(alice, bob, "no phone");
        await().atMost(WAIT).until(() -> counter("zemus_push_skipped_total", "reason", "no_device") > noDevice);
        assertTrue(PushDeviceRows.of(bob).isEmpty());
    }
}
