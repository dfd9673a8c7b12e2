package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With a replay limit of 5, a device that missed 12 messages gets the newest 5 and pages the rest. */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class,
        initArgs = @ResourceArg(name = FakeMainApiResource.REPLAY_LIMIT_ARG, value = "5"))
class RecoveryTruncationTest {

    @Test
    void sendsTruncatedThenTheNewestMessagesAndHistoryHasTheRest() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(Sender.send(alice, bob, "m" + i).getLong("id"));
        }
        long since = sent.get(0) - 1;
        try (WsDevice bobPhone = WsDevice.reconnect(bob, Users.token(bob), since)) {
            JsonObject truncated = bobPhone.next();
            assertEquals("truncated", truncated.getString("type"));
            assertEquals(since, truncated.getLong("since"));
            assertEquals(sent.get(7), truncated.getLong("before"));
            List<Long> replayed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                replayed.add(bobPhone.next().getLong("id"));
            }
            assertEquals(sent.subList(7, 12), replayed);
            assertEquals(5, bobPhone.next().getInteger("count"));
        }
        // The gap, from history: everything below "before".
        List<Long> gap = given().header("Authorization", Users.bearer(bob))
                .get("/users/{id}/friends/{friendId}/messages?before=" + sent.get(7), bob, alice)
                .then().statusCode(200).extract().jsonPath().getList("messages.id", Long.class);
        List<Long> older = new ArrayList<>(sent.subList(0, 7));
        Collections.reverse(older);
        assertEquals(older, gap);
    }
}
