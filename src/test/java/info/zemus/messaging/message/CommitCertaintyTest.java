package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A send answered 503 because its INSERT outlived the store timeout must not be stored later: its statement is
 * ended in the database before the answer, so the client's retry stores and delivers it as a first send.
 * A stalled database bounds what waits: past {@code max-queued-sends} (10 here) a send is refused at once.
 * The faults are real: a transaction held open and a table lock, in PostgreSQL itself.
 */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class, initArgs = {
        @ResourceArg(name = FakeMainApiResource.STORE_TIMEOUT_ARG, value = "1s"),
        @ResourceArg(name = FakeMainApiResource.MAX_QUEUED_SENDS_ARG, value = "10")})
class CommitCertaintyTest {

    private final HttpSender http = new HttpSender();

    @Test
    void aSendBlockedByAHeldTransactionIsNotStoredAfterIts503AndItsRetryIsDelivered() throws Exception {
        long alice = Users.fresh();
        long bob = Users.fresh();
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob));
             Connection held = TestDatabase.connect()) {
            held.setAutoCommit(false);
            try (Statement statement = held.createStatement()) {
                // Another session's uncommitted row with the same key: the service's INSERT waits on it.
                statement.executeUpdate("INSERT INTO messages (user_sender_id, user_receiver_id, content, idempotency_key)"
                        + " VALUES (" + alice + ", " + bob + ", 'held', 'k1')");
            }
            HttpResponse<String> first = http.send(alice, bob, "hello", "k1");
            assertEquals(503, first.statusCode(), first.body());
            held.rollback();
            // Before the fix the waiting INSERT committed here, unseen: give it the time it would need.
            Thread.sleep(500);
            assertEquals(0, TestDatabase.countBetween(alice, bob), "nothing stored after a 503");

            HttpResponse<String> retry = http.send(alice, bob, "hello", "k1");
            assertEquals(201, retry.statusCode(), retry.body());
            JsonObject sent = new JsonObject(retry.body());
            assertEquals(1, sent.getJsonObject("delivery").getInteger("devices"));
            assertEquals(sent.getLong("id"), bobPhone.next("message").getLong("id"));
        }
    }

    @Test
    void aStalledDatabaseRefusesSendsBeyondTheQueueAtOnceAndStoresNoneOfThem() throws Exception {
        long alice = Users.fresh();
        long bob = Users.fresh();
        ExecutorService clients = Executors.newFixedThreadPool(100);
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
            }
            // First the writer's INSERT waits on the lock, then a hundred more sends arrive behind it.
            List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
            sends.add(CompletableFuture.supplyAsync(() -> http.send(alice, bob, "first"), clients));
            await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.insertsWaitingOnALock() >= 1);
            for (int i = 0; i < 100; i++) {
                String text = "behind " + i;
                sends.add(CompletableFuture.supplyAsync(() -> http.send(alice, bob, text), clients));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
            locker.commit();
            long queueFull = 0;
            for (CompletableFuture<HttpResponse<String>> send : sends) {
                HttpResponse<String> response = send.get();
                assertEquals(503, response.statusCode(), response.body());
                if (new JsonObject(response.body()).getString("detail").startsWith("Too many messages are waiting")) {
                    queueFull++;
                }
            }
            assertTrue(queueFull > 0, "sends beyond the queue were refused at once");
        } finally {
            clients.shutdownNow();
        }
        assertEquals(0, TestDatabase.countBetween(alice, bob), "nothing answered 503 was stored");
        assertEquals(201, http.send(alice, bob, "after").statusCode());
    }

    @Test
    void aTableLockDuringTwoThousandSendsLosesNothingAndDeliversEveryRowOnce() throws Exception {
        long alice = Users.fresh();
        long bob = Users.fresh();
        int senders = 8;
        int perSender = 250;
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        try (WsDevice phone = WsDevice.connect(bob, Users.token(bob));
             WsDevice tablet = WsDevice.connect(bob, Users.token(bob));
             Connection locker = TestDatabase.connect()) {
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                loops.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perSender; i++) {
                        HttpResponse<String> response = http.send(alice, bob, "m" + sender + "-" + i, "k" + sender + "-" + i);
                        sent.incrementAndGet();
                        if (response.statusCode() == 201 || response.statusCode() == 200) {
                            accepted.add(new JsonObject(response.body()).getLong("id"));
                        } else {
                            assertEquals(503, response.statusCode(), response.body());
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 200);
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
                Thread.sleep(20_000);
            }
            locker.commit();
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
            assertTrue(refused.get() > 0, "the lock made some sends time out");

            List<Long> stored = TestDatabase.ids(alice, bob);
            assertTrue(stored.containsAll(accepted), "every 2xx is in the table");
            for (WsDevice device : List.of(phone, tablet)) {
                Map<Long, Integer> received = new HashMap<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    device.drain().stream().filter(frame -> "message".equals(frame.getString("type")))
                            .forEach(frame -> received.merge(frame.getLong("id"), 1, Integer::sum));
                    return received.keySet().containsAll(stored);
                });
                assertEquals(Set.copyOf(stored), received.keySet(), "every row reached the device, and nothing else");
                assertTrue(received.values().stream().allMatch(count -> count == 1), "each row once");
            }
        }
    }
}
