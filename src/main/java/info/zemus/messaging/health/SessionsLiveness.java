package info.zemus.messaging.health;

import info.zemus.messaging.delivery.SessionHub;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Always up; reports how many connections and users this node holds, for monitoring at a glance. */
@Liveness
@ApplicationScoped
public class SessionsLiveness implements HealthCheck {

    private final SessionHub hub;

    public SessionsLiveness(SessionHub hub) {
        this.hub = hub;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sessions")
                .withData("connections", hub.connections())
                .withData("usersOnline", hub.usersOnline())
                .up().build();
    }
}
