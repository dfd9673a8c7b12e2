package info.zemus.messaging.console;

import info.zemus.messaging.testing.FakeMainApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packaged jar runs the prod profile, where zemus.console.enabled defaults to false. */
@QuarkusIntegrationTest
@WithTestResource(FakeMainApiResource.class)
class ConsoleDisabledInProdIT {

    private static final String CHROME_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Test
    void doesNotServeTheConsole() {
        for (String path : new String[] {"/console/", "/console/index.html", "/console/console.js", "/console"}) {
            given().accept(CHROME_ACCEPT).redirects().follow(false).get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json").body("code", equalTo("not_found"));
        }
    }

    @Test
    void doesNotServeTheConsoleUnderAnotherSpellingOfItsPath() throws Exception {
        // Sent as is: RestAssured would tidy these paths before sending them.
        HttpClient client = HttpClient.newHttpClient();
        for (String path : new String[] {"//console/index.html", "/console/./console.js", "/x/../console/"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + RestAssured.port + path)).build(), BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), path);
        }
    }

    @Test
    void answersTheRouteListToBrowsersToo() {
        given().accept(CHROME_ACCEPT).redirects().follow(false).get("/")
                .then().statusCode(200).contentType(ContentType.TEXT)
                .body(containsString("POST /users/{id}/friends/{friendId}/message"));
    }
}
