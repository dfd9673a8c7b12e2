package info.zemus.messaging.broker;

import info.zemus.messaging.config.BrokerConfig;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * This node's name: in what it publishes (which node stored a message, for logs and tracing), and in its
 * broker connection's name (PostgreSQL's application_name, NATS's connection name), to find it there.
 */
@Singleton
public class Node {

    private final String id;

    public Node(BrokerConfig config) {
        // Random by default: two processes sharing a name could not be told apart.
        this.id = config.nodeId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }
}
