package info.zemus.messaging.push.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.push.Device;
import info.zemus.messaging.push.ProviderClients;
import info.zemus.messaging.push.PushOutcome;
import info.zemus.messaging.push.PushPayload;
import info.zemus.messaging.push.PushProvider;
import info.zemus.messaging.push.RetryAfter;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * POSTs each push, as JSON and signed (see {@link WebhookSignature}), to a company's own push gateway.
 * Its answer: 2xx sent; 410 Gone the token is dead (the device is deleted); 429 and 5xx retried (with
 * {@code Retry-After}); anything else refused for good.
 */
public final class WebhookProvider implements PushProvider {

    /** Shorter secrets are refused at start: an HMAC key should be at least as long as its output. */
    static final int MIN_SECRET_LENGTH = 32;

    private final WebhookApi api;
    private final WebhookSignature signature;
    private final Duration timeout;
    private final ObjectMapper mapper;

    WebhookProvider(WebhookApi api, WebhookSignature signature, Duration timeout, ObjectMapper mapper) {
        this.api = api;
        this.signature = signature;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    /** Fails (so the node does not start) without a URL or with a short secret. */
    public static WebhookProvider create(PushConfig config, ObjectMapper mapper) {
        URI url = config.webhook().url().orElseThrow(() -> new IllegalStateException(
                "zemus.push.provider=webhook needs zemus.push.webhook.url (ZEMUS_PUSH_WEBHOOK_URL)"));
        String secret = config.webhook().secret().orElse("");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("zemus.push.webhook.secret (ZEMUS_PUSH_WEBHOOK_SECRET) must have at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        Duration timeout = config.sendTimeout();
        WebhookApi api = ProviderClients.build(url, timeout, WebhookApi.class);
        return new WebhookProvider(api, new WebhookSignature(secret), timeout, mapper);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Uni<PushOutcome> send(Device device, PushPayload payload) {
        String body = body(device, payload);
        long timestamp = Instant.now().getEpochSecond();
        return api.post(Long.toString(timestamp), signature.sign(timestamp, body), body)
                .ifNoItem().after(timeout).fail()
                .map(WebhookProvider::outcome)
                .onFailure().recoverWithItem(failure -> PushOutcome.retry(null,
                        failure instanceof TimeoutException ? "timeout" : "connection"));
    }

    private String body(Device device, PushPayload payload) {
        ObjectNode root = mapper.createObjectNode();
        payload.data().forEach(root::put);
        root.put("collapseKey", payload.collapseKey());
        root.put("expiresAt", payload.expiresAt().toString());
        root.putObject("device")
                .put("installationId", device.installationId())
                .put("platform", device.platform())
                .put("token", device.token())
                .put("tokenType", device.tokenType())
                .put("locale", device.locale());
        return root.toString();
    }

    private static PushOutcome outcome(Response response) {
        try (response) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return PushOutcome.sent();
            }
            if (status == 410) {
                return PushOutcome.deadToken("gone");
            }
            if (status == 429 || status >= 500) {
                return PushOutcome.retry(RetryAfter.parse(response.getHeaderString(HttpHeaders.RETRY_AFTER)), "http_" + status);
            }
            return PushOutcome.failed("http_" + status);
        }
    }
}
