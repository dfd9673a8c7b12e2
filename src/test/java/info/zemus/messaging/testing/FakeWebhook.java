package info.zemus.messaging.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A company's push gateway, faked over real HTTP on a free loopback port. It checks each POST as a real
 * receiver would (see docs/PROTOCOL.md, Webhook): the HMAC-SHA256 of {@code timestamp + "." + body} under the shared secret,
 * compared in constant time, and a timestamp within 5 minutes; a bad one gets 401. A device token starting
 * with {@code gone-} gets 410 Gone. Tests read what arrived through {@code /_fake/received?token=...}.
 */
public final class FakeWebhook {

    static final String PATH = "/zemus/push";
    private static final long MAX_AGE_SECONDS = 300;

    private final HttpServer server;
    private final byte[] secret;
    private final Map<String, List<JsonObject>> received = new ConcurrentHashMap<>();

    private FakeWebhook(HttpServer server, String secret) {
        this.server = server;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static FakeWebhook start(String secret) throws IOException {
        HttpServer server = LoopbackHttp.bind("fake-webhook", 50);
        FakeWebhook fake = new FakeWebhook(server, secret);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    public String url() {
        return LoopbackHttp.url(server);
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/_fake/received")) {
                String token = exchange.getRequestURI().getQuery().substring("token=".length());
                reply(exchange, 200, new JsonArray(List.copyOf(received.getOrDefault(token, List.of()))).encode());
                return;
            }
            if (!path.equals(PATH) || !"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 404, "{}");
                return;
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            boolean verified = verified(exchange.getRequestHeaders().getFirst("X-Zemus-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Zemus-Signature"), body);
            JsonObject push = new JsonObject(body);
            String token = push.getJsonObject("device").getString("token");
            received.computeIfAbsent(token, ignored -> new CopyOnWriteArrayList<>())
                    .add(new JsonObject().put("verified", verified).put("body", push));
            if (!verified) {
                reply(exchange, 401, "{}");
            } else {
                reply(exchange, token.startsWith("gone-") ? 410 : 204, null);
            }
        }
    }

    // What docs/PROTOCOL.md (Webhook) tells receivers to do.
    private boolean verified(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null || !signature.startsWith("v1=")) {
            return false;
        }
        try {
            long age = System.currentTimeMillis() / 1000 - Long.parseLong(timestamp);
            if (Math.abs(age) > MAX_AGE_SECONDS) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring(3)));
        } catch (Exception e) {
            return false;
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
