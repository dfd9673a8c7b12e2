package info.zemus.messaging.health;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class HealthTest {

    @Test
    void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWithTheDatabaseAtTheExpectedSchemaVersion() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.data.schemaVersion", equalTo("3"));
    }

    @Test
    void staysReadyWhenTheMainApiIsDown() {
        FakeMainApiControl.during(Mode.DOWN, () ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}
