package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class SendMessageTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private static RequestSpecification as(long userId) {
        return given().header("Authorization", Users.bearer(userId)).contentType(ContentType.JSON);
    }

    private static String body(String message) {
        return new io.vertx.core.json.JsonObject().put("message", message).encode();
    }

    @Test
    void storesTheMessageAndAnswersItWith201() {
        long id = as(alice).body(body("Salut Bob 👋"))
                .post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("senderId", equalTo(alice))
                .body("receiverId", equalTo(bob))
                .body("content", equalTo("Salut Bob 👋"))
                .body("sentAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("id", greaterThan(0))
                .extract().jsonPath().getLong("id");

        assertEquals(java.util.List.of("Salut Bob 👋"), TestDatabase.contents(alice, bob));
        assertEquals(1, TestDatabase.countIds(java.util.List.of(id)));
    }

    @Test
    void acceptsAMessageOfExactlyTheMaximumLength() {
        String longest = "é".repeat(4096);
        as(alice).body(body(longest)).post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(201);
        assertEquals(1, TestDatabase.countBetween(alice, bob));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "1.5", "99999999999999999999", "1e3", " 1"})
    void refusesIdsThatAreNotPositiveIntegers(String badId) {
        as(alice).body(body("hi")).post("/users/" + badId.replace(" ", "%20") + "/friends/{friendId}/message", bob)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_id")).body("status", equalTo(400));
        as(alice).body(body("hi")).post("/users/{id}/friends/" + badId.replace(" ", "%20") + "/message", alice)
                .then().statusCode(400).body("code", equalTo("invalid_id"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"hi\"", "{}", "{\"message\":null}", "{\"message\":42}",
            "{\"message\":{\"text\":\"hi\"}}", "{\"message\":\"hi\"", "{\"message\":\"a\\u0000b\"}"})
    void refusesBadBodiesWith400(String badBody) {
        as(alice).body(badBody).post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_body"))
                .body("detail", not(containsString("Exception")));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\\n\\t ", "\\u00a0\\u2003", "\\u200b"})
    void refusesEmptyOrWhitespaceMessages(String blank) {
        as(alice).body("{\"message\":\"" + blank + "\"}").post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(400).body("code", equalTo("empty_message"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesSendingToOneself() {
        as(alice).body(body("me")).post("/users/{id}/friends/{friendId}/message", alice, alice)
                .then().statusCode(400).body("code", equalTo("self_message"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesAMessageOverTheLengthLimitWith413() {
        as(alice).body(body("x".repeat(4097))).post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(413).body("code", equalTo("message_too_large"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesABodyOver64KilobytesBeforeParsingIt() {
        // Not even JSON: the size alone decides.
        as(alice).body("{" + "x".repeat(70_000)).post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("body_too_large"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesAMissingToken() {
        given().contentType(ContentType.JSON).body(body("hi")).post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("missing_token"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user-1", "Basic dXNlcjpwdw==", "Bearer", "Bearer a b", "Bearer tok\"en"})
    void refusesAMalformedAuthorizationHeader(String header) {
        given().header("Authorization", header).contentType(ContentType.JSON).body(body("hi"))
                .post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(401).body("code", matchesPattern("malformed_token|missing_token"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesAnotherUsersToken() {
        as(bob).body(body("I am alice")).post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(401).body("code", equalTo("invalid_token"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesAnInvalidToken() {
        given().header("Authorization", "Bearer forged.jwt.token").contentType(ContentType.JSON).body(body("hi"))
                .post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(401).body("code", equalTo("invalid_token"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void refusesSendingToSomeoneWhoIsNotAFriend() {
        FakeMainApiControl.unfriend(alice, bob);
        as(alice).body(body("hi")).post("/users/{id}/friends/{friendId}/message", alice, bob)
                .then().statusCode(403).body("code", equalTo("not_friends"));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOWN", "ERROR", "SLOW"})
    void answers503WithRetryAfterAndStoresNothingWhenTheMainApiFails(String mode) {
        FakeMainApiControl.during(Mode.valueOf(mode), () ->
                as(alice).body(body("hi")).post("/users/{id}/friends/{friendId}/message", alice, bob)
                        .then().statusCode(503)
                        .header("Retry-After", matchesPattern("\\d+"))
                        .body("code", equalTo("main_api_unavailable")));
        assertEquals(0, TestDatabase.countInvolving(alice));
    }

    @Test
    void describesTheRoutesAtTheRootAsTheOriginalDid() {
        given().get("/").then().statusCode(200).contentType(ContentType.TEXT)
                .body(containsString("POST /users/{id}/friends/{friendId}/message"))
                .body(containsString("GET  /ws?id={userId}"))
                .body(containsString("/messages"));
    }

    @Test
    void answersProblemDocumentsForUnknownRoutesAndMethods() {
        given().get("/no/such/route").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
        given().get("/users/1/friends/2/message").then().statusCode(405)
                .contentType("application/problem+json").body("code", equalTo("method_not_allowed"));
    }
}
