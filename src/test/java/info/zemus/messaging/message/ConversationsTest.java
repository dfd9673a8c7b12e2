package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conversation list on PostgreSQL: one entry per friend, newest activity first, the newest message either
 * way, and the friend's messages not read yet, kept by the statements that store messages and record reads.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class ConversationsTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();
    private final long carol = Users.fresh();

    private static JsonPath list(long as, String query) {
        return given().header("Authorization", Users.bearer(as)).get("/users/{id}/conversations" + query, as)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsEachFriendOnceNewestActivityFirstWithUnreadCounts() {
        long fromAlice1 = Sender.send(alice, bob, "one").getLong("id");
        long fromAlice2 = Sender.send(alice, bob, "two").getLong("id");
        long toAlice = Sender.send(bob, alice, "back").getLong("id");
        long fromCarol = Sender.send(carol, bob, "hi bob").getLong("id");

        JsonPath bobs = list(bob, "");
        assertEquals(List.of(carol, alice), bobs.getList("conversations.friendId", Long.class));
        assertEquals(fromCarol, bobs.getLong("conversations[0].lastMessage.id"));
        assertEquals("hi bob", bobs.getString("conversations[0].lastMessage.content"));
        assertEquals(1, bobs.getInt("conversations[0].unread"));
        // Bob's own reply is the newest with Alice; her two are still unread.
        assertEquals(toAlice, bobs.getLong("conversations[1].lastMessage.id"));
        assertEquals(bob, bobs.getLong("conversations[1].lastMessage.senderId"));
        assertEquals(2, bobs.getInt("conversations[1].unread"));
        assertNull(bobs.get("nextBefore"));

        JsonPath alices = list(alice, "");
        assertEquals(List.of(bob), alices.getList("conversations.friendId", Long.class));
        assertEquals(1, alices.getInt("conversations[0].unread"));
        assertTrue(fromAlice1 < fromAlice2 && fromAlice2 < toAlice && toAlice < fromCarol, "ids in send order");
    }

    @Test
    void readingUpToAMessageClearsItsConversationsUnreadAndShowsTheReceipt() {
        long first = Sender.send(alice, bob, "one").getLong("id");
        long second = Sender.send(alice, bob, "two").getLong("id");
        long third = Sender.send(alice, bob, "three").getLong("id");
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            bobPhone.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", second).encode());
            await().atMost(Duration.ofSeconds(10)).until(() -> list(bob, "").getInt("conversations[0].unread") == 1);
            bobPhone.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", third).encode());
            await().atMost(Duration.ofSeconds(10)).until(() -> list(bob, "").getInt("conversations[0].unread") == 0);
        }
        // The sender sees the state of her newest message.
        JsonPath alices = list(alice, "");
        assertEquals(third, alices.getLong("conversations[0].lastMessage.id"));
        assertFalse(alices.getString("conversations[0].lastMessage.readAt").isEmpty());
        assertTrue(first < second, "ids in send order");
    }

    @Test
    void aReadOverRestClearsTheCountAndTellsBothUsersDevices() {
        long notBobs = Sender.send(alice, carol, "before").getLong("id");
        long first = Sender.send(alice, bob, "one").getLong("id");
        long second = Sender.send(alice, bob, "two").getLong("id");
        Sender.send(alice, bob, "three");
        try (WsDevice bobLaptop = WsDevice.connect(bob, Users.token(bob));
             WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            assertEquals(3, total(bob));
            read(bob, alice, second).then().statusCode(200).body("friendId", equalTo(alice)).body("unread", equalTo(1))
                    .body("total", equalTo(1));
            JsonObject unread = bobLaptop.next("unread");
            assertEquals(alice, unread.getLong("friendId"));
            assertEquals(1, unread.getInteger("unread"));
            assertEquals(1, unread.getInteger("total"));
            // A device asks for the total over its socket.
            bobLaptop.sendText(new JsonObject().put("type", "unread").encode());
            JsonObject asked = bobLaptop.next("unread");
            assertEquals(1, asked.getInteger("total"));
            assertFalse(asked.containsKey("friendId"));
            JsonObject receipt = alicePhone.next("receipt");
            assertEquals("read", receipt.getString("status"));
            assertEquals(List.of(first, second), receipt.getJsonArray("ids").stream().map(n -> ((Number) n).longValue()).toList());
        }
        // Again, and up to a message that is not from Alice to Bob: nothing changes, the answer says what is left.
        // (upTo is a bound: only Alice's messages to Bob at or below it are marked, never anyone else's.)
        read(bob, alice, second).then().statusCode(200).body("unread", equalTo(1));
        read(bob, alice, notBobs).then().statusCode(200).body("unread", equalTo(1));
        assertEquals(List.of(alice), list(carol, "").getList("conversations.friendId", Long.class));
        assertEquals(1, list(carol, "").getInt("conversations[0].unread"), "Carol's message stays unread");
        assertEquals(1, list(bob, "").getInt("conversations[0].unread"));
        // Someone with no conversation with Bob: 0, and no row made up.
        read(bob, Users.fresh(), second).then().statusCode(200).body("unread", equalTo(0));
        assertEquals(1, list(bob, "").getList("conversations").size());
    }

    @Test
    void everyArrivingMessageTellsTheRecipientsDevicesTheirCountsRightAfterIt() throws Exception {
        long dave = Users.fresh();
        int each = 15;
        try (WsDevice davePhone = WsDevice.connect(dave, Users.token(dave));
             WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice))) {
            // Two senders at once: the group commit stores several in one statement, and each row still gets the
            // counts right after itself, not the batch's final ones.
            ExecutorService senders = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    int n = i;
                    sends.add(senders.submit(() -> Sender.send(alice, dave, "a" + n)));
                    sends.add(senders.submit(() -> Sender.send(bob, dave, "b" + n)));
                }
                for (Future<?> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdown();
            }
            Map<Long, Integer> perFriend = new HashMap<>();
            for (int total = 1; total <= 2 * each; total++) {
                JsonObject message = davePhone.next();
                assertEquals("message", message.getString("type"));
                long from = message.getLong("senderId");
                assertEquals(perFriend.merge(from, 1, Integer::sum), message.getInteger("unread"), "from this sender");
                assertEquals(total, message.getInteger("total"));
            }
            // The sender's devices get their own messages without the recipient's counts; her own count comes with
            // a message to her.
            JsonObject hers = alicePhone.next("message");
            assertEquals(alice, hers.getLong("senderId"));
            assertFalse(hers.containsKey("unread") || hers.containsKey("total"), "Dave's counts are his: " + hers);
            Sender.send(bob, alice, "marker");
            JsonObject toAlice = alicePhone.next("message");
            while (toAlice.getLong("senderId") != bob) {
                toAlice = alicePhone.next("message");
            }
            assertEquals(1, toAlice.getInteger("unread"));
            assertEquals(1, toAlice.getInteger("total"));
        }
        assertEquals(2 * each, total(dave));
    }

    @Test
    void refusesBadReads() {
        for (String body : List.of("", "{}", "{\"upTo\": 0}", "{\"upTo\": \"12\"}", "{\"upTo\": 1.5}", "[1]", "nope")) {
            given().header("Authorization", Users.bearer(bob)).contentType(ContentType.JSON).body(body)
                    .post("/users/{id}/friends/{friendId}/read", bob, alice)
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_body"));
        }
        given().header("Authorization", Users.bearer(alice)).contentType(ContentType.JSON).body("{\"upTo\": 1}")
                .post("/users/{id}/friends/{friendId}/read", bob, alice).then().statusCode(401);
        given().header("Authorization", Users.bearer(bob)).contentType(ContentType.JSON).body("{\"upTo\": 1}")
                .post("/users/{id}/friends/{friendId}/read", bob, "x").then().statusCode(400).body("code", equalTo("invalid_id"));
    }

    @Test
    void theUnreadTotalSumsEveryConversationAndFollowsReads() {
        long dave = Users.fresh();
        assertEquals(0, total(dave));
        Sender.send(alice, dave, "1");
        long fromBob = Sender.send(bob, dave, "2").getLong("id");
        Sender.send(bob, dave, "3");
        Sender.send(dave, alice, "mine do not count");
        assertEquals(3, total(dave));
        read(dave, bob, fromBob).then().statusCode(200).body("unread", equalTo(1)).body("total", equalTo(2));
        assertEquals(2, total(dave));
        given().header("Authorization", Users.bearer(alice)).get("/users/{id}/unread", dave).then().statusCode(401);
    }

    private static int total(long user) {
        return given().header("Authorization", Users.bearer(user)).get("/users/{id}/unread", user)
                .then().statusCode(200).extract().jsonPath().getInt("total");
    }

    private static io.restassured.response.Response read(long reader, long friend, long upTo) {
        return given().header("Authorization", Users.bearer(reader)).contentType(ContentType.JSON)
                .body(new JsonObject().put("upTo", upTo).encode())
                .post("/users/{id}/friends/{friendId}/read", reader, friend);
    }

    @Test
    void readsOfSomeoneElsesMessagesAndRetriesChangeNoCount() {
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) { // a retry with the same key stores nothing, and counts nothing
            given().header("Authorization", Users.bearer(alice)).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body("{\"message\":\"once\"}")
                    .post("/users/{id}/friends/{friendId}/message", alice, bob).then().statusCode(i == 0 ? 201 : 200);
        }
        long toBob = list(bob, "").getLong("conversations[0].lastMessage.id");
        try (WsDevice carolPhone = WsDevice.connect(carol, Users.token(carol))) {
            // Carol claims to have read Alice's message to Bob: not hers, ignored.
            carolPhone.sendText(new JsonObject().put("type", "read").put("friendId", alice).put("upTo", toBob).encode());
            carolPhone.sendText(new JsonObject().put("type", "delivered").put("ids", List.of(toBob)).encode());
            long marker = Sender.send(alice, carol, "marker").getLong("id");
            assertEquals(marker, carolPhone.next("message").getLong("id"));
        }
        assertEquals(1, list(bob, "").getInt("conversations[0].unread"));
        assertEquals(List.of(alice), list(carol, "").getList("conversations.friendId", Long.class));
    }

    @Test
    void pagesByTheNewestMessageOfEachConversation() {
        long dave = Users.fresh();
        for (long friend : List.of(alice, bob, carol)) {
            Sender.send(friend, dave, "from " + friend);
        }
        JsonPath first = list(dave, "?limit=2");
        assertEquals(List.of(carol, bob), first.getList("conversations.friendId", Long.class));
        long next = first.getLong("nextBefore");
        JsonPath second = list(dave, "?limit=2&before=" + next);
        assertEquals(List.of(alice), second.getList("conversations.friendId", Long.class));
        assertNull(second.get("nextBefore"));
    }

    @Test
    void refusesBadInputWithProblems() {
        given().header("Authorization", Users.bearer(bob)).get("/users/{id}/conversations", alice)
                .then().statusCode(401).body("code", equalTo("invalid_token"));
        given().get("/users/{id}/conversations", alice).then().statusCode(401).body("code", equalTo("missing_token"));
        for (String query : List.of("?limit=0", "?limit=101", "?limit=x", "?before=0", "?before=-1", "?before=1e3")) {
            given().header("Authorization", Users.bearer(alice)).get("/users/{id}/conversations" + query, alice)
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_parameter"));
        }
        given().header("Authorization", Users.bearer(alice)).get("/users/abc/conversations")
                .then().statusCode(400).body("code", equalTo("invalid_id"));
        assertEquals(List.of(), list(Users.fresh(), "").getList("conversations"));
    }
}
