package info.zemus.messaging.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.push.fcm.FcmProvider;
import info.zemus.messaging.push.webhook.WebhookProvider;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one provider of {@code zemus.push.provider}, made at start: a missing key file or webhook secret
 * stops the node at once rather than at its first push, and the key file is read before any event loop
 * needs it.
 */
@ApplicationScoped
public class PushProviders {

    @Produces
    @Singleton
    @Startup
    PushProvider provider(PushConfig config, ObjectMapper mapper, PushMetrics metrics) {
        PushProvider provider = switch (config.provider()) {
            case FCM -> FcmProvider.create(config, mapper, metrics);
            case WEBHOOK -> WebhookProvider.create(config, mapper);
            // With none the policy never pushes; the log provider is there only to satisfy the injection.
            case LOG, NONE -> new LogProvider();
        };
        Log.infof("Push provider: %s (content: %s)", config.provider().name().toLowerCase(java.util.Locale.ROOT),
                config.content().name().toLowerCase(java.util.Locale.ROOT));
        return provider;
    }
}
