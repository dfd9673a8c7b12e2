package info.zemus.messaging.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Starts a {@link FakeWebhook} and points the webhook provider at it, with text previews of 10 code points
 * (to see them cut). Use it beside {@link FakeMainApiResource}; {@link #received} reads what arrived.
 */
public class FakeWebhookResource implements QuarkusTestResourceLifecycleManager {

    static final String URL_PROPERTY = "zemus.test.fake-webhook.url";
    static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private FakeWebhook fake;

    @Override
    public Map<String, String> start() {
        try {
            fake = FakeWebhook.start(SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(URL_PROPERTY, fake.url());
        return Map.of(
                "zemus.push.provider", "webhook",
                "zemus.push.webhook.url", fake.url() + FakeWebhook.PATH,
                "zemus.push.webhook.secret", SECRET,
                "zemus.push.content", "preview",
                "zemus.push.preview-length", "10",
                "zemus.push.send-timeout", "2s");
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    /** The POSTs the fake received for this device token: {@code verified} (signature and timestamp) and {@code body}. */
    public static List<JsonObject> received(String deviceToken) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(System.getProperty(URL_PROPERTY)
                    + "/_fake/received?token=" + URLEncoder.encode(deviceToken, StandardCharsets.UTF_8))).build();
            String body = CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return new JsonArray(body).stream().map(JsonObject.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
