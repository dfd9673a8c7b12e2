package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** The service started, but its reactive pool cannot reach PostgreSQL. */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class,
        initArgs = @ResourceArg(name = FakeMainApiResource.DATABASE_ARG, value = "unreachable"))
class DatabaseUnreachableTest {

    @Test
    void answers503WithRetryAfterWhenTheMessageCannotBeStored() {
        long alice = Users.fresh();
        given().header("Authorization", Users.bearer(alice)).contentType(ContentType.JSON)
                .body("{\"message\":\"lost?\"}")
                .post("/users/{id}/friends/{friendId}/message", alice, Users.fresh())
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("code", equalTo("database_unavailable"));
    }

    @Test
    void isNotReadyButStaysLive() {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
