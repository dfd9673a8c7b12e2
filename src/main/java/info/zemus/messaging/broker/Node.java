package info.zemus.messaging.broker;

import info.zemus.messaging.config.BrokerConfig;
import jakarta.inject.Singleton;

import java.util.UUID;

/** This node's name in what it publishes: a node skips its own echo, having delivered locally already. */
@Singleton
public class Node {

    private final String id;

    public Node(BrokerConfig config) {
        // Random by default: two processes must never share a name, or each would drop the other's messages.
        this.id = config.nodeId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }
}
