package info.zemus.messaging.console;

import info.zemus.messaging.testing.FakeMainApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The console is on in the test profile: browsers at / go to it, API clients keep the route list. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class ConsoleRoutesTest {

    private static final String CHROME_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Test
    void redirectsABrowserAtTheRootToTheConsole() {
        given().accept(CHROME_ACCEPT).redirects().follow(false).get("/")
                .then().statusCode(302).header("Location", "/console/").header("Vary", "Accept");
    }

    @Test
    void keepsThePlainTextRouteListForApiClients() {
        for (String accept : new String[] {"*/*", "text/plain", "application/json, */*", "text/plain, text/html;q=0.5"}) {
            given().accept(accept).redirects().follow(false).get("/")
                    .then().statusCode(200).contentType(ContentType.TEXT).header("Vary", "Accept")
                    .body(containsString("POST /users/{id}/friends/{friendId}/message"));
        }
    }

    @Test
    void servesTheConsoleWithAStrictContentSecurityPolicy() {
        given().accept(CHROME_ACCEPT).get("/console/")
                .then().statusCode(200).contentType(ContentType.HTML)
                .header("Content-Security-Policy", equalTo(ConsoleRoutes.CONTENT_SECURITY_POLICY))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("data-testid=\"connection-state\""));
        given().get("/console/console.js").then().statusCode(200)
                .header("Content-Security-Policy", equalTo(ConsoleRoutes.CONTENT_SECURITY_POLICY));
        given().redirects().follow(false).get("/console")
                .then().statusCode(302).header("Location", "/console/");
    }

    @Test
    void answersProblemDocumentsForConsoleFilesThatDoNotExist() {
        given().get("/console/no-such-file.js").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
    }

    @Test
    void tellsBrowsersFromOtherClientsByAccept() {
        for (String browser : new String[] {CHROME_ACCEPT, "text/html", "text/plain;q=0.5, TEXT/HTML"}) {
            given().accept(browser).redirects().follow(false).get("/").then().statusCode(302);
        }
        for (String other : new String[] {"*/*", "application/json", "text/html;q=0", "text/plain, text/html;q=0.5"}) {
            // Not sent to the console; the route list answers, or 406 when text/plain is not acceptable either.
            given().accept(other).redirects().follow(false).get("/").then().statusCode(not(equalTo(302)));
        }
        given().redirects().follow(false).get("/").then().statusCode(200); // no Accept at all
    }
}
