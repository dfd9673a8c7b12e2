package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Two nodes with {@code zemus.broker.type=postgres}. Node A LISTENs through a {@link TcpProxy} (its pool
 * does not), so the outage test cuts its broker link only, for as long as it likes.
 */
class PostgresBrokerIT extends MultiNodeScenarios {

    private final TcpProxy listenProxy;

    PostgresBrokerIT() {
        try {
            listenProxy = TcpProxy.start(5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> brokerConfig(String node) {
        // A test channel of its own: concurrent runs on the shared database must not see each other's traffic.
        String channel = "zemus_test_" + Integer.toHexString(System.identityHashCode(this));
        if (node.endsWith("-a")) {
            return Map.of("zemus.broker.type", "postgres", "zemus.broker.postgres.channel", channel,
                    "zemus.broker.postgres.url", "postgresql://127.0.0.1:" + listenProxy.port() + "/zemus_test");
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

    @AfterAll
    void closeProxy() {
        listenProxy.close();
    }
}
