package info.zemus.messaging.openapi;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** The same document on the packaged jar (prod profile), where Swagger UI is not served. */
@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {

    @Test
    void servesNoSwaggerUiInProduction() {
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
