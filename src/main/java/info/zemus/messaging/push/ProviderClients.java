package info.zemus.messaging.push;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** REST clients of the push providers (FCM, its token endpoint, the webhook), all built alike. */
public final class ProviderClients {

    private ProviderClients() {
    }

    /** A client of {@code api} at {@code base}: {@code timeout} to connect and to read; 4xx and 5xx are answers we read, not exceptions. */
    public static <T> T build(URI base, Duration timeout, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(api);
    }
}
