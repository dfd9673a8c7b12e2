package info.zemus.messaging.health;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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
    void isReadyWithTheDatabaseAtTheExpectedSchemaVersion() throws IOException {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.data.expectedSchemaVersion", equalTo(latestMigration()));
    }

    /** The highest V<n>__ migration of this build (the database may be ahead: a rolled-back build runs on it). */
    private static String latestMigration() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow());
        }
    }

    @Test
    void staysReadyWhenTheMainApiIsDown() {
        FakeMainApiControl.during(Mode.DOWN, () ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}
