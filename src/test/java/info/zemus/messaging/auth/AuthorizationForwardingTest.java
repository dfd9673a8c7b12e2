package info.zemus.messaging.auth;

import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The main API gets the caller's Authorization header as the caller sent it (its contract, seed ORIGINAL.md). */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class AuthorizationForwardingTest {

    @Test
    void aSendForwardsTheHeaderWithItsSchemeAsWritten() {
        long alice = Users.fresh();
        String header = "bEaReR " + Users.token(alice);
        given().header("Authorization", header).contentType(ContentType.JSON).body("{\"message\":\"as sent\"}")
                .post("/users/{id}/friends/{friendId}/message", alice, Users.fresh())
                .then().statusCode(201);
        assertEquals(header, FakeMainApiControl.lastAuthorization(alice));
    }

    @Test
    void aBrowsersSubprotocolTokenIsForwardedInTheAppsForm() {
        long alice = Users.fresh();
        try (WsDevice browser = WsDevice.connectWithSubprotocol(alice, Users.token(alice))) {
            assertEquals("bearer", browser.subprotocol()); // connected: the upgrade's token check passed
        }
        assertEquals("bearer " + Users.token(alice), FakeMainApiControl.lastAuthorization(alice));
    }
}
