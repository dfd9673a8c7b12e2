package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.push.Device;
import info.zemus.messaging.push.ProviderClients;
import info.zemus.messaging.push.PushMetrics;
import info.zemus.messaging.push.PushOutcome;
import info.zemus.messaging.push.PushPayload;
import info.zemus.messaging.push.PushProvider;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Pushes through Firebase Cloud Messaging HTTP v1 (Android, and iOS through APNs), one request per device,
 * with the service account's access token. A 401 gets one fresh token and one more try; every other answer
 * becomes an outcome for {@link info.zemus.messaging.push.PushSender}.
 */
public final class FcmProvider implements PushProvider {

    private final FcmApi api;
    private final AccessTokens tokens;
    private final String projectId;
    private final Duration timeout;
    private final ObjectMapper mapper;

    FcmProvider(FcmApi api, AccessTokens tokens, String projectId, Duration timeout, ObjectMapper mapper) {
        this.api = api;
        this.tokens = tokens;
        this.projectId = projectId;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    /** Reads the key file and builds the two REST clients; fails (so the node does not start) without a usable key. */
    public static FcmProvider create(PushConfig config, ObjectMapper mapper, PushMetrics metrics) {
        String file = config.fcm().credentialsFile().orElseThrow(() -> new IllegalStateException(
                "zemus.push.provider=fcm needs zemus.push.fcm.credentials-file (ZEMUS_PUSH_FCM_CREDENTIALS_FILE)"));
        ServiceAccountKey key = ServiceAccountKey.read(Path.of(file), mapper);
        Duration timeout = config.sendTimeout();
        AccessTokens tokens = new AccessTokens(key, ProviderClients.build(key.tokenUri(), timeout, TokenEndpoint.class), timeout,
                mapper, metrics);
        return new FcmProvider(ProviderClients.build(config.fcm().baseUrl(), timeout, FcmApi.class), tokens,
                config.fcm().projectId().orElse(key.projectId()), timeout, mapper);
    }

    @Override
    public String name() {
        return "fcm";
    }

    @Override
    public Uni<PushOutcome> send(Device device, PushPayload payload) {
        return attempt(device, payload, true)
                .onFailure().recoverWithItem(failure -> PushOutcome.retry(null,
                        failure instanceof TimeoutException ? "timeout" : "connection"));
    }

    private Uni<PushOutcome> attempt(Device device, PushPayload payload, boolean mayRefreshToken) {
        return tokens.get().chain(accessToken -> api.send(projectId, "Bearer " + accessToken,
                        FcmMessage.body(device, payload, mapper))
                .ifNoItem().after(timeout).fail()
                .map(this::answer)
                .chain(answer -> {
                    if (!answer.unauthenticated()) {
                        return Uni.createFrom().item(answer.outcome());
                    }
                    tokens.invalidate(accessToken);
                    return mayRefreshToken ? attempt(device, payload, false)
                            : Uni.createFrom().item(PushOutcome.failed("unauthenticated"));
                }));
    }

    private FcmAnswer answer(Response response) {
        try (response) {
            String body = response.getStatus() >= 400 && response.hasEntity() ? response.readEntity(String.class) : null;
            return FcmAnswer.read(response.getStatus(), body, response.getHeaderString(HttpHeaders.RETRY_AFTER), mapper);
        }
    }
}
