package info.zemus.messaging.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads what the {@link FakeFcm} of this test run received. */
public final class FakeFcmControl {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private FakeFcmControl() {
    }

    /** Every send request for this device token, in arrival order: {@code at} (ms), {@code authorization}, {@code status}, {@code body}. */
    public static List<JsonObject> attempts(String deviceToken) {
        JsonArray array = new JsonArray(get("/_fake/attempts?token=" + URLEncoder.encode(deviceToken, StandardCharsets.UTF_8)));
        return array.stream().map(JsonObject.class::cast).toList();
    }

    /** Access tokens issued so far. */
    public static int tokenCalls() {
        return Integer.parseInt(get("/_fake/token-calls"));
    }

    private static String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(System.getProperty(FakeFcmResource.URL_PROPERTY) + path)).build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
