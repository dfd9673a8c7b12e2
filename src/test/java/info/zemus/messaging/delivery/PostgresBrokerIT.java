package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.TcpProxy;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.ServiceNode;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two nodes with {@code zemus.broker.type=postgres}. Node A LISTENs through a {@link TcpProxy} (its pool
 * does not), so the outage test cuts its broker link only, for as long as it likes.
 */
class PostgresBrokerIT extends MultiNodeScenarios {

    private final TcpProxy listenProxy;

    PostgresBrokerIT() {
        try {
            listenProxy = TcpProxy.toTestDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A test channel of its own: concurrent runs on the shared database must not see each other's traffic.
    private final String channel = "zemus_test_" + Integer.toHexString(System.identityHashCode(this));

    @Override
    protected Map<String, String> brokerConfig(String node) {
        if (node.endsWith("-a")) {
            return Map.of("zemus.broker.type", "postgres", "zemus.broker.postgres.channel", channel,
                    "zemus.broker.postgres.url", TestDatabase.reactiveUrlThrough(listenProxy.port()));
        }
        return Map.of("zemus.broker.type", "postgres", "zemus.broker.postgres.channel", channel);
    }

    @Override
    protected void interruptBroker() {
        listenProxy.cut();
    }

    @Override
    protected void restoreBroker() {
        listenProxy.restore();
    }

    @Test
    void aMessageReReadByIdIsNotOvertakenByShorterOnes() throws Exception {
        // A node whose only pool connection is held (a device registration waiting on a table lock): the long
        // message's re-read waits behind it, while the short ones arrive whole in their notifications.
        ServiceNode busy = node(a.name().replace("-a", "-busy"), Map.of("quarkus.datasource.reactive.max-size", "1"))
                .awaitReady();
        long alice = Users.fresh();
        long bob = Users.fresh();
        WsDevice bobOnBusy = connect(busy, bob);
        List<Long> sent = new ArrayList<>();
        List<Long> got = new ArrayList<>();
        try (Connection locker = TestDatabase.connect()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE push_device IN ACCESS EXCLUSIVE MODE");
            Thread registering = new Thread(() -> registerPushDevice(busy, bob, "ok-" + UUID.randomUUID()));
            registering.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.statementsWaitingOnALock("push_device") > 0);
            // 4,000 Cyrillic letters: 8,000 bytes, too many for NOTIFY, so announced by id and re-read.
            sent.add(send(a, alice, bob, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя".repeat(122).substring(0, 4000)));
            for (int i = 0; i < 5; i++) {
                sent.add(send(a, alice, bob, "short " + i));
            }
            locker.rollback();
            registering.join(20_000);
            for (int i = 0; i < sent.size(); i++) {
                got.add(bobOnBusy.next("message").getLong("id"));
            }
        } finally {
            busy.close();
        }
        assertEquals(sent, got, "in id order, the re-read one first");
    }

    @Override
    protected void publishAsAStranger(long userId, String payload) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    @AfterAll
    void closeProxy() {
        listenProxy.close();
    }
}
