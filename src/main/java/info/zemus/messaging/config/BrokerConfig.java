package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Fan-out between nodes: which engine carries a message stored on one node to the sockets held by the others. */
@ConfigMapping(prefix = "zemus.broker")
public interface BrokerConfig {

    /** The engines; see docs/OPERATIONS.md for how to choose. */
    enum Type {
        /** One node: nothing leaves the process. */
        LOCAL,
        /** PostgreSQL LISTEN/NOTIFY on the service's own database: every node sees every message. */
        POSTGRES,
        /** Core NATS, one subject per user, subscribed only where that user has a socket. */
        NATS
    }

    @WithDefault("local")
    Type type();

    /** This node's name in what it publishes, to skip its own echo; a random one when unset. */
    Optional<String> nodeId();

    /**
     * The secret every node signs its publications with and checks theirs against (HMAC-SHA256; at least 32
     * characters, the same on every node, e.g. {@code openssl rand -hex 32}). Required when the type is not
     * local: a node does not start without it. Unused by a single node.
     */
    Optional<String> secret();

    /** Wait between two attempts to reach the broker after it was lost (or never reached). */
    @WithDefault("1s")
    Duration reconnectDelay();

    Postgres postgres();

    Nats nats();

    interface Postgres {
        /** The NOTIFY channel; nodes of one deployment share it, deployments sharing a database must not. */
        @WithDefault("zemus_delivery")
        String channel();

        /**
         * The database of the LISTEN connection, {@code postgresql://host:port/db}, when it must differ from
         * the pool's (e.g. the pool goes through PgBouncer in transaction mode, where LISTEN does not work).
         * Same role and password as the pool.
         */
        Optional<String> url();
    }

    interface Nats {
        /** Servers, comma-separated, e.g. {@code nats://nats-1:4222,nats://nats-2:4222}. */
        @WithDefault("nats://127.0.0.1:4222")
        String url();

        /** Subjects are {@code <prefix>.<userId>}; deployments sharing a NATS cluster need different prefixes. */
        @WithDefault("zemus.user")
        String subjectPrefix();

        /** Bound for connecting and for the server to confirm a new subscription (a device waits for it). */
        @WithDefault("2s")
        Duration timeout();
    }
}
