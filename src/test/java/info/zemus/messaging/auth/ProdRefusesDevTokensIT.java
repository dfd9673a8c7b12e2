package info.zemus.messaging.auth;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packaged jar runs the prod build: a dev token is just an invalid token there. */
@QuarkusIntegrationTest
@WithTestResource(FakeMainApiResource.class)
class ProdRefusesDevTokensIT {

    @Test
    void refusesDevTokensForSending() {
        long alice = Users.fresh();
        given().header("Authorization", "Bearer dev-" + alice).contentType(ContentType.JSON)
                .body("{\"message\":\"dev\"}").post("/users/{id}/friends/{friendId}/message", alice, Users.fresh())
                .then().statusCode(401).body("code", equalTo("invalid_token"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesDevTokensForWebSockets() {
        long alice = Users.fresh();
        assertEquals(401, WsDevice.rejectedStatus(WsDevice.options(alice).addHeader("Authorization", "Bearer dev-" + alice)));
    }
}
