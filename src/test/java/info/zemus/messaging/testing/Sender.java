package info.zemus.messaging.testing;

import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

import static io.restassured.RestAssured.given;

/** Sends messages through the REST API as a given user, asserting the 201. */
public final class Sender {

    private Sender() {
    }

    /** Sends and returns the stored message as answered by the service. */
    public static JsonObject send(long from, long to, String message) {
        String answer = given().header("Authorization", Users.bearer(from)).contentType(ContentType.JSON)
                .body(new JsonObject().put("message", message).encode())
                .post("/users/{id}/friends/{friendId}/message", from, to)
                .then().statusCode(201).extract().asString();
        return new JsonObject(answer);
    }
}
