package info.zemus.messaging.testing;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A thread-safe sender for concurrent tests, over the JDK HTTP client. */
public final class HttpSender {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Sends and returns the HTTP status and body. */
    public HttpResponse<String> send(long from, long to, String message) {
        return send(RestAssured.port, from, to, message);
    }

    /** Sends with an {@code Idempotency-Key}, as a client that retries does. */
    public HttpResponse<String> send(long from, long to, String message, String key) {
        return send(RestAssured.port, from, to, message, key);
    }

    /** Sends through the node on {@code port} (several nodes). */
    public HttpResponse<String> send(int port, long from, long to, String message) {
        return send(port, from, to, message, null);
    }

    private HttpResponse<String> send(int port, long from, long to, String message, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users/" + from + "/friends/" + to + "/message"))
                .header("Authorization", Users.bearer(from))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("message", message).encode()));
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        HttpRequest request = builder.build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
