package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hundreds of malformed inputs at every entry point: each is refused with a 4xx problem document or an
 * error frame / close code; never a 500, never a stored row; and normal traffic still flows afterwards.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class BadInputFuzzTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<String> BAD_IDS = List.of("0", "-1", "00", "-0", "+1", "1.0", "1e5", "0x1F", "abc", "null",
            "true", "%20", "%201", "1%20", "9223372036854775808", "99999999999999999999999", "%D9%A3", "%EF%BC%91",
            "1;DROP", "'%20OR%201=1", "%00", "1%00", "%5B1%5D", "%7B%7D", "1,2", "-9223372036854775808", "NaN", "Infinity");

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();
    private final Random random = new Random(42);
    private int tried;

    private HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return call(request.build());
    }

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return call(request.build());
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertRefused(HttpResponse<String> response, String input) {
        tried++;
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, "expected a 4xx for " + input + ", got " + status + " " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), input);
        assertEquals(status, new JsonObject(response.body()).getInteger("status"), input);
    }

    private String sendPath(Object id, Object friendId) {
        return "/users/" + id + "/friends/" + friendId + "/message";
    }

    @Test
    void everyMalformedInputIsRefusedWithA4xxAndNothingIsStored() {
        byte[] ok = "{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        String auth = Users.bearer(alice);

        // Ids of every shape, in both positions, on both routes.
        for (String bad : BAD_IDS) {
            assertRefused(post(sendPath(bad, bob), ok, "Authorization", auth), "id " + bad);
            assertRefused(post(sendPath(alice, bad), ok, "Authorization", auth), "friendId " + bad);
            assertRefused(get("/users/" + bad + "/friends/" + bob + "/messages", "Authorization", auth), "history id " + bad);
        }
        // Bodies: not JSON, wrong types, nesting, invalid UTF-8, over size.
        List<byte[]> bodies = new ArrayList<>();
        for (String body : List.of("", " ", "{", "}", "[]", "null", "true", "1", "\"hi\"", "{}", "{\"message\":1}",
                "{\"message\":[]}", "{\"message\":{}}", "{\"message\":true}", "{\"message\":null}", "{\"message\":\"\"}",
                "{\"message\":\"   \"}", "{\"text\":\"hi\"}", "{\"message\":\"hi\"", "{'message':'hi'}", "message=hi",
                "{\"message\":\"a\\u0000b\"}", "{\"message\":\"\\ud800\"}", "[".repeat(5_000), "{\"a\":".repeat(2_000),
                "{\"message\":\"" + "x".repeat(4_097) + "\"}", "x".repeat(70_000))) {
            bodies.add(body.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        for (int i = 0; i < 100; i++) {
            byte[] noise = new byte[1 + random.nextInt(200)];
            random.nextBytes(noise);
            bodies.add(noise);
        }
        for (byte[] body : bodies) {
            assertRefused(post(sendPath(alice, bob), body, "Authorization", auth, "Content-Type", "application/json"),
                    "body of " + body.length + " bytes");
        }
        // Headers: missing, malformed, doubled.
        for (String[] headers : List.of(new String[] {}, new String[] {"Authorization", "Bearer"},
                new String[] {"Authorization", "Bearer  "}, new String[] {"Authorization", "bearer\t" + Users.token(alice)},
                new String[] {"Authorization", "Basic " + Users.token(alice)}, new String[] {"Authorization", Users.token(alice)},
                new String[] {"Authorization", "Bearer a b"}, new String[] {"Authorization", "Bearer " + "x".repeat(5_000)},
                new String[] {"Authorization", auth, "Authorization", auth},
                new String[] {"Authorization", auth, "Authorization", Users.bearer(bob)},
                new String[] {"Authorization", auth, "Idempotency-Key", ""},
                new String[] {"Authorization", auth, "Idempotency-Key", "a", "Idempotency-Key", "b"},
                new String[] {"Authorization", auth, "Idempotency-Key", "x".repeat(65)})) {
            assertRefused(post(sendPath(alice, bob), ok, headers), "headers " + String.join("|", headers));
        }
        // History parameters.
        for (String query : List.of("?limit=0", "?limit=-1", "?limit=201", "?limit=1e2", "?before=0",
                "?before=-5", "?before=x", "?before=99999999999999999999", "?limit=%00")) {
            assertRefused(get("/users/" + alice + "/friends/" + bob + "/messages" + query, "Authorization", auth), query);
        }
        // Upgrades with bad query strings or credentials.
        for (String query : List.of("abc", "", "0", "-1", "1.5", "1e3", "99999999999999999999", alice + "&id=" + alice,
                alice + "&since=-1", alice + "&since=x", alice + "&since=1&since=2", alice + "&since=")) {
            int status = WsDevice.rejectedStatus(WsDevice.options(query).addHeader("Authorization", auth));
            tried++;
            assertTrue(status >= 400 && status < 500, "upgrade ?id=" + query + " answered " + status);
        }
        int doubled = WsDevice.rejectedStatus(WsDevice.options(alice).addHeader("Authorization", auth)
                .addHeader("Authorization", Users.bearer(bob)));
        assertTrue(doubled >= 400 && doubled < 500);
        // WebSocket frames: not JSON, wrong shapes, binary, empty; each gets an error frame.
        List<String> frames = new ArrayList<>(List.of("", " ", "null", "[]", "1", "\"x\"", "{", "{}", "{\"type\":1}",
                "{\"type\":null}", "{\"type\":\"nope\"}", "{\"type\":\"send\"}", "{\"type\":\"send\",\"key\":1}",
                "{\"type\":\"delivered\",\"ids\":\"x\"}", "{\"type\":\"delivered\",\"ids\":[0]}", "{\"type\":\"read\"}",
                "[".repeat(3_000), "{\"type\":\"read\",\"friendId\":\"1\",\"upTo\":1}"));
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[1 + random.nextInt(100)];
            random.nextBytes(noise);
            frames.add(new String(noise, StandardCharsets.ISO_8859_1));
        }
        WsDevice device = WsDevice.connect(alice, Users.token(alice));
        int onThisConnection = 0;
        for (String frame : frames) {
            if (onThisConnection == 9) { // stay under the threshold of 10 malformed frames (4004)
                device.closeAndWait();
                device = WsDevice.connect(alice, Users.token(alice));
                onThisConnection = 0;
            }
            device.sendText(frame);
            JsonObject error = device.next("error");
            assertEquals("invalid_frame", error.getString("code"), frame);
            onThisConnection++;
            tried++;
        }
        device.sendBinary(new byte[] {1, 2, 3});
        assertEquals("invalid_frame", device.next("error").getString("code"));
        device.closeAndWait();
        try (WsDevice huge = WsDevice.connect(alice, Users.token(alice))) {
            huge.sendText("{\"type\":\"send\",\"message\":\"" + "x".repeat(100_000) + "\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> huge.closeCode() != null);
            assertEquals(1009, huge.closeCode());
        }

        assertTrue(tried >= 250, "inputs tried: " + tried);
        assertEquals(0, TestDatabase.countInvolving(alice));
        assertEquals(0, TestDatabase.countInvolving(bob));
        // Still serving normal traffic.
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            long id = Sender.send(alice, bob, "after the storm").getLong("id");
            assertEquals(id, bobPhone.next("message").getLong("id"));
        }
        assertNotEquals(0, TestDatabase.countInvolving(alice));
    }
}
