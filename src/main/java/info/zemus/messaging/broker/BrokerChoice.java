package info.zemus.messaging.broker;

import info.zemus.messaging.config.BrokerConfig;
import info.zemus.messaging.database.PoolConnectOptions;
import info.zemus.messaging.delivery.Broker;
import info.zemus.messaging.delivery.BrokerInbox;
import info.zemus.messaging.message.MessageRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the broker named by {@code zemus.broker.type} (a runtime setting) and connects it at start-up. */
@Singleton
public class BrokerChoice {

    private final BrokerConfig config;

    public BrokerChoice(BrokerConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    Broker broker(Node node, Publications publications, BrokerInbox inbox, Vertx vertx, Pool pool,
                  MessageRepository messages, PoolConnectOptions poolOptions) throws Exception {
        Log.infof("Broker: %s, node %s", config.type().name().toLowerCase(), node.id());
        switch (config.type()) {
            case POSTGRES -> {
                PgConnectOptions listenOn = poolOptions.forConnectionTo(pool, config.postgres().url(), "zemus-broker");
                PostgresBroker broker = new PostgresBroker(vertx, pool, messages, publications, inbox, node,
                        config.postgres().channel(), listenOn, config.reconnectDelay());
                broker.start();
                return broker;
            }
            case NATS -> {
                NatsBroker broker = new NatsBroker(publications, inbox, node, config.nats().url(),
                        config.nats().subjectPrefix(), config.nats().timeout(), config.reconnectDelay());
                broker.start();
                return broker;
            }
            default -> {
                return new LocalBroker();
            }
        }
    }

    void close(@Disposes Broker broker) throws Exception {
        if (broker instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // Connect at start-up, not at the first message: readiness reports the broker from the start.
    void start(@Observes StartupEvent event, Broker broker) {
        Log.debugf("Broker ready to connect: %s", broker.getClass().getSimpleName());
    }
}
