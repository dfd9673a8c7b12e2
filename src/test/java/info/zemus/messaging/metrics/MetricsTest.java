package info.zemus.messaging.metrics;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Scrape;
import info.zemus.messaging.testing.Scrape.Sample;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads {@code /q/metrics} before and after real sends, sockets and refusals, and checks that each meter
 * moved by what the test did. Counters are compared as differences, since other tests share the service.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class MetricsTest {

    private static final String SEND = "/users/{id}/friends/{friendId}/message";

    private static RequestSpecification as(long userId) {
        return given().header("Authorization", Users.bearer(userId)).contentType(ContentType.JSON);
    }

    private static String body(String message) {
        return new JsonObject().put("message", message).encode();
    }

    private static JsonObject sendFrame(long to, String message, String key) {
        return new JsonObject().put("type", "send").put("to", to).put("message", message).put("key", key);
    }

    /**
     * Earlier tests may leave the main API breaker open, or half-open (letting a single probe through):
     * it would refuse checks counted here. Token checks of fresh users probe it until it is closed.
     */
    @BeforeEach
    void mainApiBreakerClosed() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long user = Users.fresh();
            given().header("Authorization", Users.bearer(user)).get("/users/{id}/friends/{friendId}/messages", user, 1);
            return Scrape.now().value("ft_circuitbreaker_state_current", "method", "main-api", "state", "closed") == 1;
        });
    }

    @Test
    void countsAcceptedDeliveredPushedAndRefusedSends() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        long carol = Users.fresh();
        long dave = Users.fresh();
        FakeMainApiControl.unfriend(alice, dave);
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            Scrape before = Scrape.now();

            Sender.send(alice, bob, "to someone online");        // bob's phone and alice's phone get it
            Sender.send(alice, carol, "to someone offline");     // push; alice's phone gets it
            bobPhone.next("message");
            alicePhone.next("message");
            alicePhone.next("message");
            as(alice).body(body("hi")).post(SEND, alice, dave).then().statusCode(403);
            as(alice).body("{\"message\":42}").post(SEND, alice, bob).then().statusCode(400);
            as(alice).body("{" + "x".repeat(70_000)).post(SEND, alice, bob).then().statusCode(413);
            alicePhone.sendText(sendFrame(dave, "hi", "k1").encode());
            assertEquals("not_friends", alicePhone.next("error").getString("code"));

            Scrape after = Scrape.now();
            assertEquals(2, delta(before, after, "zemus_messages_accepted_total"));
            assertEquals(1, delta(before, after, "zemus_messages_pushed_total"));
            assertEquals(1, delta(before, after, "zemus_messages_delivered_total", "role", "recipient"));
            assertEquals(2, delta(before, after, "zemus_messages_delivered_total", "role", "sender"));
            assertEquals(1, delta(before, after, "zemus_messages_rejected_total", "code", "not_friends", "transport", "rest"));
            assertEquals(1, delta(before, after, "zemus_messages_rejected_total", "code", "invalid_body", "transport", "rest"));
            assertEquals(1, delta(before, after, "zemus_messages_rejected_total", "code", "body_too_large", "transport", "rest"));
            assertEquals(1, delta(before, after, "zemus_messages_rejected_total", "code", "not_friends", "transport", "websocket"));
            assertEquals(4, delta(before, after, "zemus_messages_rejected_total"));

            assertTimer(before, after, "zemus_messages_send_to_deliver_seconds", 2);
            // Sent one after the other: one INSERT each.
            assertTimer(before, after, "zemus_messages_insert_seconds", 2, "outcome", "ok");
            assertEquals(2, delta(before, after, "zemus_messages_insert_batch_messages_count"));
            assertEquals(2, delta(before, after, "zemus_messages_insert_batch_messages_sum"));
            // Friendships are asked once per pair (a yes is cached), a no every time.
            assertTimer(before, after, "zemus_main_api_calls_seconds", 2, "call", "friendship", "outcome", "yes");
            assertTimer(before, after, "zemus_main_api_calls_seconds", 2, "call", "friendship", "outcome", "no");
        }
    }

    @Test
    void countsConnectionsUsersOnlineClosesAndRefusedUpgrades() {
        long erin = Users.fresh();
        long frank = Users.fresh();
        double connections = stableValue("zemus_websocket_connections");
        double users = stableValue("zemus_users_online");
        Scrape before = Scrape.now();

        try (WsDevice erinPhone = WsDevice.connect(erin, Users.token(erin));
             WsDevice erinLaptop = WsDevice.connect(erin, Users.token(erin));
             WsDevice frankPhone = WsDevice.connect(frank, Users.token(frank))) {
            Scrape open = Scrape.now();
            assertEquals(connections + 3, open.value("zemus_websocket_connections"));
            assertEquals(users + 2, open.value("zemus_users_online"));

            erinLaptop.closeAndWait();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Scrape.now().value("zemus_websocket_connections") == connections + 2);
            assertEquals(users + 2, Scrape.now().value("zemus_users_online"));

            // Past zemus.ws.max-invalid-frames (10) malformed frames, the server closes with 4004.
            for (int i = 0; i < 11; i++) {
                frankPhone.sendText("not json");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> frankPhone.closeCode() != null);
            assertEquals(4004, frankPhone.closeCode());
            // Cut without a close frame: counted as 1005 (no status received).
            erinPhone.abort();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Scrape.now().value("zemus_websocket_connections") == connections);
            assertEquals(users, Scrape.now().value("zemus_users_online"));
        }

        assertEquals(401, WsDevice.rejectedStatus(WsDevice.options(erin)));

        Scrape after = Scrape.now();
        assertEquals(1, delta(before, after, "zemus_websocket_closes_total", "code", "1000"));
        assertEquals(1, delta(before, after, "zemus_websocket_closes_total", "code", "1005"));
        assertEquals(1, delta(before, after, "zemus_websocket_closes_total", "code", "4004"));
        assertEquals(1, delta(before, after, "zemus_websocket_upgrades_rejected_total", "code", "missing_token"));
    }

    @Test
    void countsMainApiFailuresAndTheSendsTheyRefused() {
        long grace = Users.fresh();
        long heidi = Users.fresh();
        Scrape before = Scrape.now();
        // Read inside the outage: leaving it waits for the breaker to close again, and those waiting
        // checks are refused by the open breaker, so they would land in the window.
        AtomicReference<Scrape> during = new AtomicReference<>();
        FakeMainApiControl.during(Mode.ERROR, () -> {
            as(grace).body(body("hi")).post(SEND, grace, heidi).then().statusCode(503);
            during.set(Scrape.now());
        });
        Scrape after = during.get();
        assertEquals(1, delta(before, after, "zemus_messages_rejected_total", "code", "main_api_unavailable", "transport", "rest"));
        // The token and the friendship are asked at once and each fails once: with the 500 itself, or at
        // once if the other's failure tipped a breaker that earlier tests had brought close to opening.
        for (String call : new String[] {"auth", "friendship"}) {
            assertEquals(1, delta(before, after, "zemus_main_api_calls_seconds_count", "call", call, "outcome", "error")
                    + delta(before, after, "zemus_main_api_calls_seconds_count", "call", call, "outcome", "circuit_open"),
                    call);
        }
        assertEquals(0, delta(before, after, "zemus_messages_accepted_total"));
    }

    @Test
    void labelsRequestsByRouteTemplateNeverByUserId() {
        long ivan = Users.fresh();
        long judy = Users.fresh();
        Sender.send(ivan, judy, "hello");
        as(ivan).body("{" + "x".repeat(70_000)).post(SEND, ivan, judy).then().statusCode(413);
        given().header("Authorization", Users.bearer(ivan)).get("/users/{id}/friends/{friendId}/messages", ivan, judy)
                .then().statusCode(200);

        Scrape scrape = Scrape.now();
        for (String name : new String[] {"http_server_requests_seconds_count", "http_client_requests_seconds_count"}) {
            for (Sample sample : scrape.find(name)) {
                String uri = sample.labels().getOrDefault("uri", "");
                assertFalse(uri.contains(Long.toString(ivan)) || uri.contains(Long.toString(judy)),
                        "A user id in a uri label: " + sample);
            }
        }
        assertTrue(scrape.value("http_server_requests_seconds_count",
                "uri", "/users/{id}/friends/{friendId}/message", "status", "413") >= 1);
        assertTrue(scrape.value("http_server_requests_seconds_count",
                "uri", "/users/{id}/friends/{friendId}/messages", "status", "200") >= 1);
    }

    /** Count, sum and buckets moved by {@code count}; the percentiles are published. */
    private static void assertTimer(Scrape before, Scrape after, String name, int count, String... labels) {
        assertEquals(count, delta(before, after, name + "_count", labels), name + "_count");
        assertTrue(delta(before, after, name + "_sum", labels) > 0, name + "_sum");
        assertEquals(count, delta(before, after, name + "_bucket", append(labels, "le", "+Inf")), name + " +Inf bucket");
        assertTrue(after.find(name + "_bucket", labels).size() > 10, name + " has histogram buckets");
        for (String quantile : new String[] {"0.5", "0.9", "0.99"}) {
            assertTrue(after.has(name, append(labels, "quantile", quantile)), name + " quantile " + quantile);
        }
    }

    private static String[] append(String[] labels, String name, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** A gauge once it stopped moving: connections other tests closed without waiting are gone. */
    private static double stableValue(String gauge) {
        AtomicReference<Double> last = new AtomicReference<>(Double.NaN);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            double now = Scrape.now().value(gauge);
            return now == last.getAndSet(now);
        });
        return last.get();
    }

    @Test
    void refusedRequestsPathsNeverBecomeLabels() {
        String random = UUID.randomUUID().toString().replace("-", "");
        given().get("/nothing-here-" + random).then().statusCode(404);
        given().get("/users/" + random + "/friends/1/messages").then().statusCode(400);
        given().header("Authorization", "Bearer x").contentType(ContentType.JSON).body(body("hi"))
                .post("/users/" + random + "/friends/" + random + "/message").then().statusCode(400);
        given().put("/users/1/devices/" + random).then().statusCode(401);
        given().get("/users/1;" + random + "/friends/2/messages").then().statusCode(400);
        String metrics = Scrape.now().text();
        assertFalse(metrics.contains(random), "a client-chosen path became a label");
        assertTrue(metrics.contains("uri=\"NOT_FOUND\""), "unmatched paths are counted under one label");
    }
}
