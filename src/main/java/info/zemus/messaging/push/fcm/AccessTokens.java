package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.push.PushMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The OAuth2 access token of the service account, fetched from its {@code token_uri} with a signed JWT and
 * reused until a minute before it expires. One fetch at a time: pushes that need a token while it is being
 * fetched wait for that same fetch (a Uni, never a blocked thread). A token that FCM refused is dropped,
 * so that the next caller fetches a fresh one.
 */
final class AccessTokens {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Renewed this long before it expires, so that no push carries a token that dies on the way. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private record AccessToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "AccessToken[***, until " + expiresAt + "]";
        }
    }

    private final ServiceAccountKey key;
    private final TokenEndpoint endpoint;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final PushMetrics metrics;
    private volatile AccessToken current;
    private Uni<AccessToken> refreshing; // guarded by this

    AccessTokens(ServiceAccountKey key, TokenEndpoint endpoint, Duration timeout, ObjectMapper mapper, PushMetrics metrics) {
        this.key = key;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** A valid access token: the cached one, or the one being fetched. */
    Uni<String> get() {
        AccessToken token = current;
        if (isFresh(token)) {
            return Uni.createFrom().item(token.value());
        }
        return refresh().map(AccessToken::value);
    }

    /** FCM answered 401 to this token: forget it (unless another caller already replaced it). */
    void invalidate(String value) {
        AccessToken token = current;
        if (token != null && token.value().equals(value)) {
            current = null;
        }
    }

    private synchronized Uni<AccessToken> refresh() {
        AccessToken token = current;
        if (isFresh(token)) {
            return Uni.createFrom().item(token); // fetched while we waited for the lock
        }
        if (refreshing == null) {
            // memoize: every caller until it completes shares this one request; then it is forgotten.
            refreshing = fetch()
                    .onItemOrFailure().invoke((fetched, failure) -> {
                        if (fetched != null) {
                            current = fetched;
                        }
                        synchronized (AccessTokens.this) {
                            refreshing = null;
                        }
                    })
                    .memoize().indefinitely();
        }
        return refreshing;
    }

    private Uni<AccessToken> fetch() {
        return Uni.createFrom().deferred(() -> {
                    String form = "grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8)
                            + "&assertion=" + JwtAssertion.sign(key, Instant.now(), mapper);
                    return endpoint.token(form);
                })
                .ifNoItem().after(timeout).fail()
                .map(this::read)
                .onItemOrFailure().invoke((token, failure) -> {
                    metrics.accessTokenRefreshed(failure == null);
                    if (failure != null) {
                        Log.warnf("FCM access token for %s not obtained: %s", key.clientEmail(), failure.toString());
                    }
                });
    }

    private AccessToken read(Response response) {
        try (response) {
            if (response.getStatus() != 200) {
                // The body may echo our request; its status is enough to act on.
                throw new IllegalStateException("token endpoint answered " + response.getStatus());
            }
            JsonNode json = mapper.readTree(response.readEntity(String.class));
            String value = json.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new IllegalStateException("token endpoint answered without access_token");
            }
            long expiresIn = json.path("expires_in").asLong(JwtAssertion.LIFETIME_SECONDS);
            return new AccessToken(value, Instant.now().plusSeconds(expiresIn));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("token endpoint answered no JSON");
        }
    }

    private static boolean isFresh(AccessToken token) {
        return token != null && Instant.now().plus(MARGIN).isBefore(token.expiresAt());
    }
}
