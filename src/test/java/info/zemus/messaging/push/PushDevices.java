package info.zemus.messaging.push;

import info.zemus.messaging.testing.Users;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers push devices through the API, with fresh installation ids and scripted tokens. */
final class PushDevices {

    private PushDevices() {
    }

    /** A fresh token whose prefix tells the fake what to answer ({@code "ok-"}, {@code "dead-"}...). */
    static String token(String prefix) {
        return prefix + UUID.randomUUID();
    }

    /** Registers an android device of the user holding the token; returns its installation id. */
    static String register(long userId, String token) {
        String installation = UUID.randomUUID().toString();
        given().header("Authorization", Users.bearer(userId)).contentType(ContentType.JSON)
                .body(new JsonObject().put("token", token).put("platform", "android").encode())
                .put("/users/{id}/devices/{installationId}", userId, installation)
                .then().statusCode(204);
        return installation;
    }
}
