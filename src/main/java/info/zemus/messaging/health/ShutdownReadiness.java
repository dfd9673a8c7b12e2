package info.zemus.messaging.health;

import info.zemus.messaging.lifecycle.Drain;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN from the moment the node starts leaving, so load balancers stop sending it traffic first. */
@Readiness
@ApplicationScoped
public class ShutdownReadiness implements HealthCheck {

    private final Drain drain;

    public ShutdownReadiness(Drain drain) {
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shutdown").status(!drain.notReady()).build();
    }
}
