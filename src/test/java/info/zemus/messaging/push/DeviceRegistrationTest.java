package info.zemus.messaging.push;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.PushDeviceRows;
import info.zemus.messaging.testing.PushDeviceRows.Row;
import info.zemus.messaging.testing.Users;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PUT and DELETE /users/{id}/devices/{installationId}: what is stored, moved, evicted, pruned and refused. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class DeviceRegistrationTest {

    private static final String PATH = "/users/{id}/devices/{installationId}";

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private static RequestSpecification as(long userId) {
        return given().header("Authorization", Users.bearer(userId)).contentType(ContentType.JSON);
    }

    private static String installation() {
        return UUID.randomUUID().toString();
    }

    private static String fcmToken() {
        return "fcm:" + UUID.randomUUID() + "_" + UUID.randomUUID();
    }

    private static String body(String token, String platform) {
        return new JsonObject().put("token", token).put("platform", platform).encode();
    }

    private static ValidatableResponse register(long userId, String installationId, String body) {
        return as(userId).body(body).put(PATH, userId, installationId).then();
    }

    @Test
    void storesTheDeviceWith204() {
        String device = installation();
        String token = fcmToken();
        as(alice).body(new JsonObject().put("token", token).put("platform", "ios").put("tokenType", "fid")
                        .put("locale", "pt-BR").put("provider", "fcm").encode())
                .put(PATH, alice, device)
                .then().statusCode(204).body(emptyString());

        Row row = PushDeviceRows.installation(device);
        assertNotNull(row);
        assertEquals(alice, row.userId());
        assertEquals("ios", row.platform());
        assertEquals(token, row.token());
        assertEquals("fid", row.tokenType());
        assertEquals("pt-BR", row.locale());
        assertTrue(Duration.between(row.lastSeenAt(), Instant.now()).abs().toMinutes() < 5);
    }

    @Test
    void defaultsTheTokenTypeAndLeavesTheLocaleEmpty() {
        String device = installation();
        register(alice, device, body(fcmToken(), "android")).statusCode(204);
        Row row = PushDeviceRows.installation(device);
        assertEquals("registration", row.tokenType());
        assertNull(row.locale());
    }

    @Test
    void updatesTheTokenOfAnInstallationAndSeesItAgain() {
        String device = installation();
        register(alice, device, body("old-token-" + UUID.randomUUID(), "android")).statusCode(204);
        PushDeviceRows.age(device, Duration.ofDays(3));
        Instant created = PushDeviceRows.installation(device).createdAt();
        String fresh = fcmToken();

        register(alice, device, body(fresh, "android")).statusCode(204);

        List<Row> rows = PushDeviceRows.of(alice);
        assertEquals(1, rows.size());
        assertEquals(fresh, rows.get(0).token());
        assertEquals(created, rows.get(0).createdAt());
        assertTrue(Duration.between(rows.get(0).lastSeenAt(), Instant.now()).abs().toMinutes() < 5,
                "last_seen_at is bumped: " + rows.get(0).lastSeenAt());
    }

    @Test
    void movesATokenRegisteredByAnotherUser() {
        String token = fcmToken();
        String aliceDevice = installation();
        String bobDevice = installation();
        register(alice, aliceDevice, body(token, "android")).statusCode(204);

        // Bob logs in on the same phone: the app got a new installation id, FCM kept the token.
        register(bob, bobDevice, body(token, "android")).statusCode(204);

        assertEquals(List.of(), PushDeviceRows.of(alice));
        List<Row> holders = PushDeviceRows.withToken(token);
        assertEquals(1, holders.size());
        assertEquals(bob, holders.get(0).userId());
        assertEquals(bobDevice, holders.get(0).installationId());
    }

    @Test
    void movesAnInstallationRegisteredByAnotherUserWithTheTokenItHolds() {
        String device = installation();
        String token = fcmToken();
        register(alice, device, body(token, "web")).statusCode(204);

        // Bob logs in on the same phone, which kept its installation id and its token.
        register(bob, device, body(token, "web")).statusCode(204);

        assertEquals(List.of(), PushDeviceRows.of(alice));
        Row row = PushDeviceRows.installation(device);
        assertEquals(bob, row.userId());
        assertEquals(token, row.token());
    }

    @Test
    void refusesToTakeOverAnotherUsersInstallationWithAnotherToken() {
        String device = installation();
        String alicesToken = fcmToken();
        register(alice, device, body(alicesToken, "android")).statusCode(204);
        String bobsOtherDevice = installation();
        String bobsToken = fcmToken();
        register(bob, bobsOtherDevice, body(bobsToken, "android")).statusCode(204);

        // Bob knows the installation id, not the token: Alice keeps her device, and Bob his token's row.
        register(bob, device, body(bobsToken, "android")).statusCode(409).body("code", equalTo("installation_taken"));

        Row row = PushDeviceRows.installation(device);
        assertEquals(alice, row.userId());
        assertEquals(alicesToken, row.token());
        assertEquals(bobsOtherDevice, PushDeviceRows.withToken(bobsToken).get(0).installationId(), "nothing rolled forward");
    }

    @Test
    void evictsTheLeastRecentlySeenDeviceBeyondTheMaximum() {
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String device = installation();
            devices.add(device);
            register(alice, device, body(fcmToken(), "android")).statusCode(204);
        }
        String oldest = devices.get(3);
        PushDeviceRows.age(oldest, Duration.ofDays(1));
        String eleventh = installation();

        register(alice, eleventh, body(fcmToken(), "ios")).statusCode(204);

        List<String> kept = PushDeviceRows.of(alice).stream().map(Row::installationId).sorted().toList();
        List<String> expected = new ArrayList<>(devices);
        expected.remove(oldest);
        expected.add(eleventh);
        assertEquals(expected.stream().sorted().toList(), kept);
    }

    @Test
    void deleteIsIdempotent() {
        String device = installation();
        String other = installation();
        register(alice, device, body(fcmToken(), "android")).statusCode(204);
        register(alice, other, body(fcmToken(), "android")).statusCode(204);

        as(alice).delete(PATH, alice, device).then().statusCode(204).body(emptyString());
        assertNull(PushDeviceRows.installation(device));
        as(alice).delete(PATH, alice, device).then().statusCode(204);
        as(alice).delete(PATH, alice, installation()).then().statusCode(204);

        assertEquals(List.of(other), PushDeviceRows.of(alice).stream().map(Row::installationId).toList());
    }

    @Test
    void cannotDeleteTheDeviceOfAnotherUser() {
        String device = installation();
        register(bob, device, body(fcmToken(), "android")).statusCode(204);

        // Alice's own path with Bob's installation id: nothing of hers to delete, Bob's row stays.
        as(alice).delete(PATH, alice, device).then().statusCode(204);
        // Bob's path with Alice's token: refused like a send.
        as(alice).delete(PATH, bob, device).then().statusCode(401).body("code", equalTo("invalid_token"));

        assertEquals(bob, PushDeviceRows.installation(device).userId());
    }

    @Test
    void refusesAnotherUsersPathLikeASend() {
        String device = installation();
        as(alice).body(body(fcmToken(), "android")).put(PATH, bob, device)
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("invalid_token"))
                .body("detail", equalTo("The token is not valid for user " + bob));
        assertNull(PushDeviceRows.installation(device));
    }

    @Test
    void refusesAMissingOrInvalidToken() {
        String device = installation();
        given().contentType(ContentType.JSON).body(body(fcmToken(), "android")).put(PATH, alice, device)
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("missing_token"));
        given().header("Authorization", "Bearer forged.jwt.token").contentType(ContentType.JSON)
                .body(body(fcmToken(), "android")).put(PATH, alice, device)
                .then().statusCode(401).body("code", equalTo("invalid_token"));
        given().header("Authorization", "Basic dXNlcjpwdw==").delete(PATH, alice, device)
                .then().statusCode(401).body("code", equalTo("malformed_token"));
        assertNull(PushDeviceRows.installation(device));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"token\":\"t-1\",\"platform\":\"symbian\"}|platform",
            "{\"token\":\"t-1\",\"platform\":\"Android\"}|platform",
            "{\"token\":\"t-1\"}|platform",
            "{\"token\":\"t-1\",\"platform\":7}|platform",
            "{\"platform\":\"android\"}|token",
            "{\"token\":\"\",\"platform\":\"android\"}|token",
            "{\"token\":\"a b\",\"platform\":\"android\"}|token",
            "{\"token\":\"caf\\u00e9\",\"platform\":\"android\"}|token",
            "{\"token\":[\"t\"],\"platform\":\"android\"}|token",
            "{\"token\":\"t-1\",\"platform\":\"android\",\"tokenType\":\"apns\"}|tokenType",
            "{\"token\":\"t-1\",\"platform\":\"android\",\"locale\":\"fr_FR\"}|locale",
            "{\"token\":\"t-1\",\"platform\":\"android\",\"locale\":\"x\"}|locale"})
    void refusesABadFieldWith400NamingIt(String bodyAndField) {
        String[] parts = bodyAndField.split("\\|");
        String device = installation();
        register(alice, device, parts[0])
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_device"))
                .body("detail", containsString("'" + parts[1] + "'"));
        assertNull(PushDeviceRows.installation(device));
    }

    @Test
    void refusesAnOversizedToken() {
        String device = installation();
        register(alice, device, body("t".repeat(4097), "android"))
                .statusCode(400).body("code", equalTo("invalid_device")).body("detail", containsString("'token'"));
        register(alice, device, body("t".repeat(4096), "android")).statusCode(204);
        assertEquals(4096, PushDeviceRows.installation(device).token().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"hi\"", "{\"token\":\"t\"", "null"})
    void refusesMalformedBodiesWith400(String badBody) {
        String device = installation();
        register(alice, device, badBody)
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_body"))
                .body("detail", not(containsString("Exception")));
        assertNull(PushDeviceRows.installation(device));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "%20x", "caf%C3%A9", "x!", "x~y"})
    void refusesABadInstallationId(String badId) {
        as(alice).body(body(fcmToken(), "android")).put("/users/" + alice + "/devices/" + badId)
                .then().statusCode(400).body("code", equalTo("invalid_device"))
                .body("detail", containsString("'installationId'"));
        as(alice).delete("/users/" + alice + "/devices/" + badId)
                .then().statusCode(400).body("code", equalTo("invalid_device"));
        assertEquals(List.of(), PushDeviceRows.of(alice));
    }

    @Test
    void refusesAnInstallationIdOver128Characters() {
        register(alice, "x".repeat(129), body(fcmToken(), "android")).statusCode(400).body("code", equalTo("invalid_device"));
        register(alice, "x".repeat(128) + alice, body(fcmToken(), "android")).statusCode(400);
        assertEquals(List.of(), PushDeviceRows.of(alice));
    }

    @Test
    void refusesABadUserId() {
        as(alice).body(body(fcmToken(), "android")).put("/users/0/devices/" + installation())
                .then().statusCode(400).body("code", equalTo("invalid_id"));
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        String device = installation();
        register(alice, device, "{" + "x".repeat(70_000))
                .statusCode(413).contentType("application/problem+json").body("code", equalTo("body_too_large"));
        assertNull(PushDeviceRows.installation(device));
    }

    @Test
    void answers503WhenTheMainApiIsDown() {
        String device = installation();
        FakeMainApiControl.during(Mode.DOWN, () ->
                register(alice, device, body(fcmToken(), "android"))
                        .statusCode(503).header("Retry-After", matchesPattern("\\d+"))
                        .body("code", equalTo("main_api_unavailable")));
        assertNull(PushDeviceRows.installation(device));
    }

    @Test
    @DisabledOnIntegrationTest("calls the pruner bean directly; the packaged jar runs it on its schedule")
    void prunesDevicesNotSeenForTheStaleDuration() {
        String stale = installation();
        String recent = installation();
        register(alice, stale, body(fcmToken(), "android")).statusCode(204);
        register(alice, recent, body(fcmToken(), "android")).statusCode(204);
        PushDeviceRows.age(stale, Duration.ofDays(61));
        PushDeviceRows.age(recent, Duration.ofDays(59));

        StaleDevicePruner pruner = Arc.container().instance(StaleDevicePruner.class).get();
        int pruned = pruner.prune().await().atMost(Duration.ofSeconds(10));

        assertTrue(pruned >= 1, "pruned " + pruned);
        assertEquals(List.of(recent), PushDeviceRows.of(alice).stream().map(Row::installationId).toList());
    }
}
