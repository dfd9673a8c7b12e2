package info.zemus.messaging.presence;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** zemus.presence.enabled=false: nothing written for presence, and both ways of asking say it is off. */
@QuarkusTest
@TestProfile(PresenceDisabledTest.Off.class)
@WithTestResource(FakeMainApiResource.class)
class PresenceDisabledTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zemus.presence.enabled", "false");
        }
    }

    @Test
    void nothingIsTrackedAndAskingIsAnsweredPresenceDisabled() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        try (WsDevice alicePhone = WsDevice.connect(alice, Users.token(alice));
             WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            alicePhone.sendText(new JsonObject().put("type", "presence").put("watch", List.of(bob)).encode());
            JsonObject error = alicePhone.next();
            assertEquals("error", error.getString("type"));
            assertEquals("presence_disabled", error.getString("code"));
            assertEquals(404, error.getInteger("status"));
            // Messages still flow; and by now a tracked connect would have been written.
            long id = Sender.send(alice, bob, "still here").getLong("id");
            assertEquals(id, bobPhone.next("message").getLong("id"));
        }
        assertEquals(0, TestDatabase.presenceRows(alice));
        assertEquals(0, TestDatabase.presenceRows(bob));
        given().header("Authorization", Users.bearer(alice)).get("/users/{id}/friends/{friendId}/presence", alice, bob)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("presence_disabled"));
    }
}
