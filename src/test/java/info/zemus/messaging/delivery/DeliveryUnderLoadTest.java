package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Correctness under concurrency: nothing lost, nothing duplicated, nothing misrouted. No timings. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class DeliveryUnderLoadTest {

    private static final int SENDERS = 8;
    private static final int RECEIVERS = 20;
    private static final int DEVICES = 2;
    private static final int MESSAGES = 3_000;

    private final HttpSender http = new HttpSender();

    @Test
    void everyMessageIsStoredOnceAndReachesEveryDeviceOnce() throws Exception {
        List<Long> senders = freshUsers(SENDERS);
        List<Long> receivers = freshUsers(RECEIVERS);
        Map<Long, List<Recorder>> devices = new HashMap<>();
        for (long receiver : receivers) {
            List<Recorder> recorders = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                recorders.add(new Recorder(WsDevice.connect(receiver, Users.token(receiver))));
            }
            devices.put(receiver, recorders);
        }
        try {
            // Expected ids per receiver, filled from the 201 answers.
            Map<Long, Set<Long>> expected = new ConcurrentHashMap<>();
            receivers.forEach(r -> expected.put(r, ConcurrentHashMap.newKeySet()));
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> runs = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                long sender = senders.get(s);
                int offset = s;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < MESSAGES / SENDERS; i++) {
                        long receiver = receivers.get((offset + i) % RECEIVERS);
                        HttpResponse<String> response = http.send(sender, receiver, "load " + sender + " #" + i);
                        assertEquals(201, response.statusCode(), response.body());
                        expected.get(receiver).add(new JsonObject(response.body()).getLong("id"));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();

            List<Long> allIds = expected.values().stream().flatMap(Set::stream).toList();
            assertEquals(MESSAGES, allIds.size(), "accepted messages with distinct ids");
            assertEquals(MESSAGES, TestDatabase.countIds(allIds), "accepted messages stored once");

            for (long receiver : receivers) {
                for (Recorder device : devices.get(receiver)) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> device.received() >= expected.get(receiver).size());
                    List<Long> ids = device.ids();
                    assertEquals(ids.size(), Set.copyOf(ids).size(), "no duplicate on a device");
                    assertEquals(expected.get(receiver), Set.copyOf(ids), "exactly the receiver's messages");
                }
            }
        } finally {
            devices.values().forEach(list -> list.forEach(Recorder::close));
        }
    }

    @Test
    void connectionsComingAndGoingNeverDisturbDelivery() throws Exception {
        long sender = Users.fresh();
        long steady = Users.fresh();
        List<Long> churners = freshUsers(20);
        try (WsDevice first = WsDevice.connect(steady, Users.token(steady));
             WsDevice second = WsDevice.connect(steady, Users.token(steady))) {
            Recorder steadyA = new Recorder(first);
            Recorder steadyB = new Recorder(second);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            // 200 connects and disconnects: 20 users x 10 cycles, on four threads.
            List<Future<?>> churn = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                churn.add(pool.submit(() -> {
                    for (int cycle = 0; cycle < 50; cycle++) {
                        long user = churners.get((thread * 5 + cycle) % churners.size());
                        WsDevice.connect(user, Users.token(user)).close();
                    }
                }));
            }
            // Meanwhile 300 messages flow, to the steady user and to the churning ones.
            Set<Long> forSteady = ConcurrentHashMap.newKeySet();
            List<Future<?>> sends = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                sends.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        boolean toSteady = i % 2 == 0;
                        long to = toSteady ? steady : churners.get((thread + i) % churners.size());
                        HttpResponse<String> response = http.send(sender, to, "churn #" + thread + "/" + i);
                        assertEquals(201, response.statusCode(), response.body());
                        if (toSteady) {
                            forSteady.add(new JsonObject(response.body()).getLong("id"));
                        }
                    }
                }));
            }
            for (Future<?> future : churn) {
                future.get();
            }
            for (Future<?> future : sends) {
                future.get();
            }
            pool.shutdown();

            assertEquals(300, TestDatabase.countInvolving(sender));
            for (Recorder device : List.of(steadyA, steadyB)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> device.received() >= forSteady.size());
                assertEquals(forSteady, Set.copyOf(device.ids()));
                assertEquals(forSteady.size(), device.ids().size());
            }
            // A churning user still connects and receives normally afterwards.
            long user = churners.get(0);
            try (WsDevice again = WsDevice.connect(user, Users.token(user))) {
                JsonObject stored = new JsonObject(http.send(sender, user, "after the churn").body());
                assertEquals(stored.getLong("id"), again.next().getLong("id"));
            }
        }
    }

    private static List<Long> freshUsers(int count) {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(Users.fresh());
        }
        assertTrue(Set.copyOf(users).size() == count);
        return users;
    }

    /** Accumulates the message ids a device received, in order. */
    private static final class Recorder {
        private final WsDevice device;
        private final List<Long> ids = new ArrayList<>();

        Recorder(WsDevice device) {
            this.device = device;
        }

        synchronized int received() {
            for (JsonObject frame : device.drain()) {
                if ("message".equals(frame.getString("type"))) {
                    ids.add(frame.getLong("id"));
                }
            }
            return ids.size();
        }

        synchronized List<Long> ids() {
            received();
            return List.copyOf(ids);
        }

        void close() {
            device.close();
        }
    }
}
