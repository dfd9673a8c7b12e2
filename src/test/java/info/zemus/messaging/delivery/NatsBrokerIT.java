package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Two nodes with {@code zemus.broker.type=nats}, on a nats-server the test starts itself on a free port
 * (and stops and starts again for the outage). Without a nats-server binary: skipped with a loud line on a
 * developer's machine, failed on CI.
 */
class NatsBrokerIT extends MultiNodeScenarios {

    private NatsServer nats;

    // A prefix of its own: nothing here must depend on who else uses this server.
    private final String prefix = "zemus-test-" + Integer.toHexString(System.identityHashCode(this));

    @Override
    protected Map<String, String> brokerConfig(String node) {
        if (nats == null) {
            nats = NatsServer.start(NatsServer.binaryOrSkip());
        }
        return Map.of("zemus.broker.type", "nats", "zemus.broker.nats.url", nats.url(),
                "zemus.broker.nats.subject-prefix", prefix);
    }

    @Override
    protected boolean ordersAcrossNodes() {
        return false;
    }

    @Override
    protected void interruptBroker() throws InterruptedException {
        nats.stop();
    }

    @Override
    protected void restoreBroker() {
        if (!nats.isRunning()) {
            nats.startAgain();
        }
    }

    @Override
    protected void publishAsAStranger(long userId, String payload) throws Exception {
        try (Connection stranger = Nats.connect(nats.url())) {
            stranger.publish(prefix + "." + userId, payload.getBytes(StandardCharsets.UTF_8));
            stranger.flush(Duration.ofSeconds(5));
        }
    }

    @AfterAll
    void stopNats() throws InterruptedException {
        if (nats != null) {
            nats.close();
        }
    }
}
