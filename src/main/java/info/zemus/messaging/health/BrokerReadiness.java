package info.zemus.messaging.health;

import info.zemus.messaging.config.BrokerConfig;
import info.zemus.messaging.delivery.Broker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the node does not receive what the other nodes publish (its broker connection is lost and
 * reconnecting): its sockets were closed with 4002, and the load balancer should send their devices elsewhere.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    private final Broker broker;
    private final String type;

    public BrokerReadiness(Broker broker, BrokerConfig config) {
        this.broker = broker;
        this.type = config.type().name().toLowerCase();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("broker").withData("type", type).status(broker.connected()).build();
    }
}
