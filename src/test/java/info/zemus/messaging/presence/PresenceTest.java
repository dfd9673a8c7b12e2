package info.zemus.messaging.presence;

import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presence on one node, on PostgreSQL: a watcher gets a friend's state at once and every change after it; going
 * offline waits for zemus.presence.offline-after (2 s in tests), so that a reconnect does not flicker; refusals.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class PresenceTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private static String watch(long... ids) {
        return new JsonObject().put("type", "presence").put("watch", new JsonArray(LongStream.of(ids).boxed().toList()))
                .encode();
    }

    private static JsonObject presenceOf(WsDevice device, long userId) {
        JsonObject frame = device.next("presence");
        assertEquals(userId, frame.getLong("userId"));
        return frame;
    }

    @Test
    void aWatcherGetsTheFriendsStateAtOnceThenEveryChange() {
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            alicePhone.sendText(watch(bob));
            JsonObject never = presenceOf(alicePhone, bob);
            assertEquals("offline", never.getString("state"));
            assertFalse(never.containsKey("lastSeen"), "never seen");

            WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob));
            assertEquals("online", presenceOf(alicePhone, bob).getString("state"));
            rest(alice, bob).then().statusCode(200).body("state", equalTo("online")).body("lastSeen", nullValue());
            // A second device changes nothing a watcher sees.
            WsDevice bobLaptop = WsDevice.connect(bob, Users.token(bob));
            bobLaptop.closeAndWait();
            Instant beforeClose = Instant.now();
            bobPhone.closeAndWait();
            JsonObject gone = presenceOf(alicePhone, bob);
            assertEquals("offline", gone.getString("state"), "after the last device, and only then");
            Instant lastSeen = Instant.parse(gone.getString("lastSeen"));
            assertFalse(lastSeen.isBefore(beforeClose.minusSeconds(1)), "when the last socket closed: " + lastSeen);
            // Read back from the database by an app that is not connected.
            rest(alice, bob).then().statusCode(200).body("state", equalTo("offline"))
                    .body("lastSeen", equalTo(gone.getString("lastSeen")));
        }
    }

    @Test
    void aNodeSweepsTheDeadNodesOfItsOwnDeploymentOnly() {
        // A node of another deployment sharing the database (another broker channel) could not tell that one's
        // watchers; a lease written before deployments were recorded ('') is everyone's to sweep.
        String elsewhere = "elsewhere-" + alice;
        String legacy = "legacy-" + bob;
        TestDatabase.deadNode(elsewhere, "postgres:another_deployment", alice);
        TestDatabase.deadNode(legacy, "", bob);
        try {
            // A sweep runs every third of the node lease.
            await().atMost(Duration.ofSeconds(40)).until(() -> !TestDatabase.nodeLeaseExists(legacy));
            assertTrue(TestDatabase.nodeLeaseExists(elsewhere), "another deployment's dead node is not this node's to sweep");
        } finally {
            TestDatabase.removeNode(elsewhere);
            TestDatabase.removeNode(legacy);
        }
    }

    @Test
    void aReconnectWithinOfflineAfterDoesNotFlicker() {
        WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob));
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            alicePhone.sendText(watch(bob));
            assertEquals("online", presenceOf(alicePhone, bob).getString("state"));
            bobPhone.closeAndWait(); // a phone switching networks, back at once
            WsDevice back = WsDevice.connect(bob, Users.token(bob));
            Instant beforeLastClose = Instant.now();
            back.closeAndWait();
            // The next thing Alice sees is Bob offline for good, not an offline and online in between.
            JsonObject next = presenceOf(alicePhone, bob);
            assertEquals("offline", next.getString("state"));
            assertFalse(Instant.parse(next.getString("lastSeen")).isBefore(beforeLastClose), "the last close, not the first");
            assertTrue(alicePhone.drain().stream().noneMatch(frame -> "presence".equals(frame.getString("type"))));
        }
    }

    @Test
    void watchingReplacesTheListAndAnEmptyListStops() {
        long carol = Users.fresh();
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            alicePhone.sendText(watch(bob, carol));
            assertEquals(List.of(bob, carol), List.of(alicePhone.next("presence").getLong("userId"),
                    alicePhone.next("presence").getLong("userId")));
            alicePhone.sendText(watch(carol));
            assertEquals(carol, alicePhone.next("presence").getLong("userId"));
            try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob));
                 WsDevice carolPhone = WsDevice.connect(carol, Users.token(carol))) {
                // Bob is no longer watched: only Carol's change comes.
                JsonObject next = alicePhone.next("presence");
                assertEquals(carol, next.getLong("userId"));
                assertEquals("online", next.getString("state"));
                alicePhone.sendText(watch());
                bobPhone.closeAndWait();
                carolPhone.closeAndWait();
            }
            // Neither is watched now: a marker frame (the answer to an unread frame) comes, no presence before it.
            alicePhone.sendText(new JsonObject().put("type", "unread").encode());
            JsonObject marker = alicePhone.next();
            assertEquals("unread", marker.getString("type"), "no presence frame: " + marker);
        }
    }

    @Test
    void refusesStrangersTooManyAndMalformedLists() {
        long mallory = Users.fresh();
        FakeMainApiControl.unfriend(mallory, alice);
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            // Not a friend: refused alone, the friends in the same list are watched.
            alicePhone.sendText(watch(mallory, bob));
            JsonObject refused = alicePhone.next();
            assertEquals("error", refused.getString("type"));
            assertEquals("not_friends", refused.getString("code"));
            assertEquals(403, refused.getInteger("status"));
            assertTrue(refused.getString("detail").contains(Long.toString(mallory)));
            assertEquals(bob, presenceOf(alicePhone, bob).getLong("userId"));

            long[] tooMany = LongStream.range(0, 101).map(i -> Users.fresh()).toArray();
            alicePhone.sendText(watch(tooMany));
            JsonObject over = alicePhone.next("error");
            assertEquals("too_many_watched", over.getString("code"));
            assertEquals(400, over.getInteger("status"));

            alicePhone.sendText(watch(alice));
            assertEquals("invalid_id", alicePhone.next("error").getString("code"));
            for (String bad : List.of("{\"type\":\"presence\"}", "{\"type\":\"presence\",\"watch\":5}",
                    "{\"type\":\"presence\",\"watch\":[\"12\"]}", "{\"type\":\"presence\",\"watch\":[0]}",
                    "{\"type\":\"presence\",\"watch\":[1.5]}")) {
                alicePhone.sendText(bad);
                JsonObject error = alicePhone.next("error");
                assertEquals(400, error.getInteger("status"), bad);
            }
            // Still watching Bob: the refused frames changed nothing.
            try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
                assertEquals("online", presenceOf(alicePhone, bob).getString("state"));
            }
        }
        rest(alice, mallory).then().statusCode(403).contentType("application/problem+json").body("code", equalTo("not_friends"));
        rest(alice, alice).then().statusCode(400).body("code", equalTo("invalid_id"));
        given().header("Authorization", Users.bearer(alice)).get("/users/{id}/friends/{friendId}/presence", alice, "x")
                .then().statusCode(400).body("code", equalTo("invalid_id"));
        given().header("Authorization", Users.bearer(bob)).get("/users/{id}/friends/{friendId}/presence", alice, bob)
                .then().statusCode(401);
    }

    private static io.restassured.response.Response rest(long user, long friend) {
        return given().header("Authorization", Users.bearer(user)).get("/users/{id}/friends/{friendId}/presence", user, friend);
    }
}
