package info.zemus.messaging.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * FCM HTTP v1 and a service account's OAuth2 token endpoint, faked over real HTTP on a free loopback port.
 * The token endpoint checks the JWT's RS256 signature with the public half of the test key. What the send
 * endpoint answers depends on the device token's prefix:
 * <ul>
 *   <li>{@code ok-}: 200; {@code dead-}: 404 UNREGISTERED; {@code mismatch-}: 403 SENDER_ID_MISMATCH;
 *       {@code bad-}: 400 INVALID_ARGUMENT on {@code message.token}; {@code payload-}: 400 INVALID_ARGUMENT
 *       on another field;</li>
 *   <li>{@code busy-}: 503 once, then 200; {@code quota-}: 429 with {@code Retry-After: 1} once, then 200;
 *       {@code slow-}: the first answer comes after 3 s (past the service's timeout), then 200 at once;
 *       {@code down-}: always 503; {@code lost-}: 404 with a proxy's HTML page (no FCM error: the token is not
 *       in question);</li>
 *   <li>{@code garbled-}: 200 with a body that is not JSON; {@code huge-}: 400 INVALID_ARGUMENT (on no field) with
 *       an 8 MiB message;</li>
 *   <li>{@code auth-}: the first request revokes every access token issued so far and answers 401
 *       UNAUTHENTICATED, so the service must fetch a new one.</li>
 * </ul>
 * Tests read what it received through {@code /_fake/...} (see {@link FakeFcmControl}), from any class loader.
 */
public final class FakeFcm {

    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");

    private final HttpServer server;
    private final PublicKey publicKey;
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Set<String> validAccessTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, List<JsonObject>> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger();

    private FakeFcm(HttpServer server, PublicKey publicKey) {
        this.server = server;
        this.publicKey = publicKey;
    }

    public static FakeFcm start(PublicKey publicKey) throws IOException {
        HttpServer server = LoopbackHttp.bind("fake-fcm", 100);
        FakeFcm fake = new FakeFcm(server, publicKey);
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
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/token") && "POST".equals(exchange.getRequestMethod())) {
                token(exchange, body);
            } else if (SEND.matcher(path).matches() && "POST".equals(exchange.getRequestMethod())) {
                send(exchange, body);
            } else if (path.equals("/_fake/token-calls")) {
                reply(exchange, 200, Integer.toString(tokenCalls.get()), null);
            } else if (path.equals("/_fake/attempts")) {
                String token = exchange.getRequestURI().getQuery().substring("token=".length());
                reply(exchange, 200, new JsonArray(List.copyOf(attempts.getOrDefault(token, List.of()))).encode(), null);
            } else {
                reply(exchange, 404, "{}", null);
            }
        }
    }

    private void token(HttpExchange exchange, String form) throws IOException {
        Map<String, String> fields = new ConcurrentHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type"))
                || !validJwt(fields.getOrDefault("assertion", ""))) {
            reply(exchange, 400, "{\"error\":\"invalid_grant\"}", null);
            return;
        }
        int call = tokenCalls.incrementAndGet();
        sleep(300); // a slow token endpoint: pushes that need a token meanwhile must share this fetch
        String accessToken = "fake-access-" + call;
        validAccessTokens.add(accessToken);
        reply(exchange, 200, new JsonObject().put("access_token", accessToken).put("expires_in", 3600)
                .put("token_type", "Bearer").encode(), null);
    }

    // RS256 over "header.claims", signed by the service account's private key, with the claims Google needs.
    private boolean validJwt(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            long now = System.currentTimeMillis() / 1000;
            return "RS256".equals(header.getString("alg"))
                    && FakeFcmResource.CLIENT_EMAIL.equals(claims.getString("iss"))
                    && "https://www.googleapis.com/auth/firebase.messaging".equals(claims.getString("scope"))
                    && claims.getLong("iat") <= now + 5 && claims.getLong("exp") > now;
        } catch (Exception e) {
            return false;
        }
    }

    private void send(HttpExchange exchange, String body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        JsonObject message = new JsonObject(body).getJsonObject("message");
        String deviceToken = message.containsKey("token") ? message.getString("token") : message.getString("fid");
        List<JsonObject> mine = attempts.computeIfAbsent(deviceToken, ignored -> new CopyOnWriteArrayList<>());
        int attempt = mine.size();
        JsonObject record = new JsonObject().put("at", System.currentTimeMillis()).put("authorization", authorization)
                .put("body", new JsonObject(body));
        boolean authorized = authorization != null && validAccessTokens.contains(authorization.replaceFirst("^Bearer ", ""));
        if (authorized && deviceToken.startsWith("auth-") && attempt == 0) {
            validAccessTokens.clear(); // as if Google revoked our token
            authorized = false;
        }
        if (!authorized) {
            mine.add(record.put("status", 401));
            reply(exchange, 401, error(401, "UNAUTHENTICATED", null, null), null);
            return;
        }
        String prefix = deviceToken.substring(0, deviceToken.indexOf('-') + 1);
        int status = switch (prefix) {
            case "dead-", "lost-" -> 404;
            case "mismatch-" -> 403;
            case "bad-", "payload-", "huge-" -> 400;
            case "busy-" -> attempt == 0 ? 503 : 200;
            case "quota-" -> attempt == 0 ? 429 : 200;
            case "down-" -> 503;
            default -> 200;
        };
        if (prefix.equals("slow-") && attempt == 0) {
            sleep(3_000);
        }
        mine.add(record.put("status", status));
        switch (status) {
            case 200 -> reply(exchange, 200, prefix.equals("garbled-") ? "<<<not json at all"
                    : new JsonObject().put("name", "projects/zemus-test/messages/" + messageIds.incrementAndGet()).encode(), null);
            case 404 -> {
                if (prefix.equals("lost-")) {
                    replyHtml(exchange, 404, "<html><body><h1>404 Not Found</h1>nginx</body></html>");
                } else {
                    reply(exchange, 404, error(404, "NOT_FOUND", "UNREGISTERED", null), null);
                }
            }
            case 403 -> reply(exchange, 403, error(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", null), null);
            case 400 -> reply(exchange, 400, prefix.equals("huge-")
                    ? new JsonObject().put("error", new JsonObject().put("code", 400).put("status", "INVALID_ARGUMENT")
                            .put("message", "x".repeat(8 * 1024 * 1024))).encode()
                    : error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                            prefix.equals("bad-") ? "message.token" : "message.android.ttl"), null);
            case 429 -> reply(exchange, 429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", null), "1");
            default -> reply(exchange, 503, error(503, "UNAVAILABLE", "UNAVAILABLE", null), null);
        }
    }

    // The shape of FCM's error answers (FCM ErrorCode reference).
    private static String error(int code, String status, String fcmErrorCode, String violatedField) {
        JsonArray details = new JsonArray();
        if (fcmErrorCode != null) {
            details.add(new JsonObject().put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                    .put("errorCode", fcmErrorCode));
        }
        if (violatedField != null) {
            details.add(new JsonObject().put("@type", "type.googleapis.com/google.rpc.BadRequest")
                    .put("fieldViolations", new JsonArray().add(new JsonObject().put("field", violatedField)
                            .put("description", "Invalid value"))));
        }
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", "fake " + status)
                .put("status", status).put("details", details)).encode();
    }

    private static void replyHtml(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void reply(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
