package info.zemus.messaging.auth;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** The test build, like the dev build, accepts dev-<id> tokens without asking the main API. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class DevTokensTest {

    @Test
    void acceptsADevTokenOfTheSameUserInTheTestBuild() {
        long alice = Users.fresh();
        given().header("Authorization", "Bearer dev-" + alice).contentType(ContentType.JSON)
                .body("{\"message\":\"dev\"}").post("/users/{id}/friends/{friendId}/message", alice, Users.fresh())
                .then().statusCode(201);
    }

    @Test
    void refusesADevTokenOfAnotherUser() {
        long alice = Users.fresh();
        given().header("Authorization", "Bearer dev-" + (alice + 1)).contentType(ContentType.JSON)
                .body("{\"message\":\"dev\"}").post("/users/{id}/friends/{friendId}/message", alice, Users.fresh())
                .then().statusCode(401);
    }
}
