package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property: whatever the interleaving of connects, disconnects, sends and recoveries, every device ends
 * with exactly the messages to or from its user, each once. Devices behave as the protocol asks: they
 * reconnect with since = the highest id they have seen. A failing seed replays the same run.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class RandomInterleavingsTest {

    private static final int USERS = 4;
    private static final int DEVICES_PER_USER = 2;
    private static final int STEPS = 120;

    /** One device slot of a user, across its successive connections. */
    private static final class Phone {
        final long userId;
        final List<Long> received = new ArrayList<>();
        WsDevice connection;
        long highestSeen;

        Phone(long userId) {
            this.userId = userId;
        }

        void collect() {
            if (connection != null) {
                for (JsonObject frame : connection.drain()) {
                    if ("message".equals(frame.getString("type"))) {
                        long id = frame.getLong("id");
                        received.add(id);
                        highestSeen = Math.max(highestSeen, id);
                    }
                }
            }
        }

        void disconnect() {
            connection.closeAndWait();
            collect();
            connection = null;
        }

        void reconnect() {
            connection = WsDevice.reconnect(userId, Users.token(userId), highestSeen);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void everyDeviceEndsWithExactlyItsUsersMessagesOnce(long seed) {
        Random random = new Random(seed);
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(Users.fresh());
        }
        List<Phone> phones = new ArrayList<>();
        for (long user : users) {
            for (int d = 0; d < DEVICES_PER_USER; d++) {
                Phone phone = new Phone(user);
                phone.connection = WsDevice.connect(user, Users.token(user)); // fresh install: no since
                phones.add(phone);
            }
        }
        Map<Long, Set<Long>> expected = new HashMap<>();
        users.forEach(user -> expected.put(user, new HashSet<>()));
        try {
            for (int step = 0; step < STEPS; step++) {
                Phone phone = phones.get(random.nextInt(phones.size()));
                int action = random.nextInt(10);
                phone.collect();
                if (action < 2 && phone.connection != null) {
                    phone.disconnect();
                } else if (action < 4 && phone.connection == null) {
                    phone.reconnect();
                } else {
                    long from = users.get(random.nextInt(USERS));
                    long to = users.get(random.nextInt(USERS));
                    if (from != to) {
                        long id = Sender.send(from, to, "step " + step + " of seed " + seed).getLong("id");
                        expected.get(from).add(id);
                        expected.get(to).add(id);
                    }
                }
            }
            // Everyone comes back online, then a last message to each user marks the end of its stream.
            for (Phone phone : phones) {
                phone.collect();
                if (phone.connection == null) {
                    phone.reconnect();
                }
            }
            long closer = Users.fresh();
            Map<Long, Long> lastOf = new HashMap<>();
            for (long user : users) {
                long id = Sender.send(closer, user, "end").getLong("id");
                expected.get(user).add(id);
                lastOf.put(user, id);
            }
            for (Phone phone : phones) {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    phone.collect();
                    return phone.received.contains(lastOf.get(phone.userId));
                });
                assertEquals(phone.received.size(), new HashSet<>(phone.received).size(),
                        "a device received a message twice (seed " + seed + ")");
                assertEquals(expected.get(phone.userId), new HashSet<>(phone.received),
                        "a device missed or got a foreign message (seed " + seed + ")");
            }
        } finally {
            phones.stream().filter(phone -> phone.connection != null).forEach(phone -> phone.connection.close());
        }
    }
}
