package info.zemus.messaging.openapi;

import info.zemus.messaging.testing.FakeMainApiResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /q/openapi} describes every REST operation, its answers, its problems and its security. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class OpenApiTest {

    private static final String SEND = "/users/{id}/friends/{friendId}/message";
    private static final String HISTORY = "/users/{id}/friends/{friendId}/messages";
    private static final String DEVICE = "/users/{id}/devices/{installationId}";
    private static final String CONVERSATIONS = "/users/{id}/conversations";
    private static final String READ = "/users/{id}/friends/{friendId}/read";
    private static final String UNREAD = "/users/{id}/unread";
    private static final String PRESENCE = "/users/{id}/friends/{friendId}/presence";

    private static JsonObject document() {
        return new JsonObject(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void describesEveryRestOperation() {
        JsonObject paths = document().getJsonObject("paths");
        assertEquals(java.util.Set.of("/", SEND, HISTORY, DEVICE, CONVERSATIONS, READ, UNREAD, PRESENCE), paths.fieldNames());
        JsonObject presence = paths.getJsonObject(PRESENCE).getJsonObject("get");
        assertEquals("friendPresence", presence.getString("operationId"));
        assertEquals(java.util.Set.of("200", "400", "401", "403", "404", "429", "503"),
                presence.getJsonObject("responses").fieldNames());
        assertEquals("unreadTotal", paths.getJsonObject(UNREAD).getJsonObject("get").getString("operationId"));
        assertEquals("readUpTo", paths.getJsonObject(READ).getJsonObject("post").getString("operationId"));
        assertEquals("conversations", paths.getJsonObject(CONVERSATIONS).getJsonObject("get").getString("operationId"));
        assertEquals("sendMessage", paths.getJsonObject(SEND).getJsonObject("post").getString("operationId"));
        assertEquals("conversationHistory", paths.getJsonObject(HISTORY).getJsonObject("get").getString("operationId"));
        assertEquals("registerDevice", paths.getJsonObject(DEVICE).getJsonObject("put").getString("operationId"));
        assertEquals("unregisterDevice", paths.getJsonObject(DEVICE).getJsonObject("delete").getString("operationId"));
        assertNotNull(paths.getJsonObject("/").getJsonObject("get").getJsonObject("responses").getJsonObject("200")
                .getJsonObject("content").getJsonObject("text/plain"));
    }

    @Test
    void describesTheSendWithItsBodyHeaderAnswersAndProblems() {
        JsonObject document = document();
        JsonObject send = document.getJsonObject("paths").getJsonObject(SEND).getJsonObject("post");

        JsonObject body = send.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema");
        assertEquals(List.of("message"), body.getJsonArray("required").getList());
        assertEquals("string", body.getJsonObject("properties").getJsonObject("message").getString("type"));

        JsonObject key = parameter(send, "Idempotency-Key");
        assertEquals("header", key.getString("in"));
        assertEquals("^[A-Za-z0-9_-]{1,64}$", key.getJsonObject("schema").getString("pattern"));
        assertEquals("integer", parameter(send, "id").getJsonObject("schema").getString("type"));

        JsonObject responses = send.getJsonObject("responses");
        for (String status : List.of("201", "200")) {
            assertEquals("#/components/schemas/SentMessage", responses.getJsonObject(status).getJsonObject("content")
                    .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        }
        for (String status : List.of("400", "401", "403", "409", "413", "429", "503")) {
            assertProblem(document, responses.getJsonObject(status), status);
        }
        assertRetryAfter(document, responses.getJsonObject("429"));
        assertRetryAfter(document, responses.getJsonObject("503"));
        assertTrue(document.getJsonObject("components").getJsonObject("schemas").getJsonObject("SentMessage")
                .getJsonObject("properties").containsKey("delivery"));
    }

    @Test
    void describesTheHistoryWithItsParametersAndProblems() {
        JsonObject document = document();
        JsonObject history = document.getJsonObject("paths").getJsonObject(HISTORY).getJsonObject("get");
        assertNull(history.getJsonObject("requestBody"));
        assertEquals(200, parameter(history, "limit").getJsonObject("schema").getInteger("maximum"));
        assertEquals("query", parameter(history, "before").getString("in"));
        JsonObject responses = history.getJsonObject("responses");
        assertEquals("#/components/schemas/Page", responses.getJsonObject("200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        for (String status : List.of("400", "401", "503")) {
            assertProblem(document, responses.getJsonObject(status), status);
        }
    }

    @Test
    void describesTheDeviceRegistrationWithItsBodyAndProblems() {
        JsonObject document = document();
        JsonObject put = document.getJsonObject("paths").getJsonObject(DEVICE).getJsonObject("put");
        JsonObject body = put.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema");
        assertEquals(List.of("token", "platform"), body.getJsonArray("required").getList());
        assertEquals(List.of("android", "ios", "web"), body.getJsonObject("properties").getJsonObject("platform")
                .getJsonArray("enum").getList());
        assertEquals("^[A-Za-z0-9_-]{1,128}$", parameter(put, "installationId").getJsonObject("schema").getString("pattern"));
        assertNotNull(put.getJsonObject("responses").getJsonObject("204"));
        for (String status : List.of("400", "401", "413", "503")) {
            assertProblem(document, put.getJsonObject("responses").getJsonObject(status), status);
        }
        JsonObject delete = document.getJsonObject("paths").getJsonObject(DEVICE).getJsonObject("delete");
        assertNull(delete.getJsonObject("requestBody"));
        assertNotNull(delete.getJsonObject("responses").getJsonObject("204"));
    }

    @Test
    void requiresABearerTokenWhereTheServiceDoes() {
        JsonObject document = document();
        JsonObject scheme = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer");
        assertEquals("http", scheme.getString("type"));
        assertEquals("bearer", scheme.getString("scheme"));
        JsonObject paths = document.getJsonObject("paths");
        for (JsonObject operation : List.of(paths.getJsonObject(SEND).getJsonObject("post"),
                paths.getJsonObject(HISTORY).getJsonObject("get"), paths.getJsonObject(DEVICE).getJsonObject("put"),
                paths.getJsonObject(DEVICE).getJsonObject("delete"))) {
            assertEquals(new JsonArray().add(new JsonObject().put("bearer", new JsonArray())), operation.getJsonArray("security"));
        }
        assertNull(paths.getJsonObject("/").getJsonObject("get").getJsonArray("security"));
    }

    private static JsonObject parameter(JsonObject operation, String name) {
        for (Object parameter : operation.getJsonArray("parameters")) {
            if (name.equals(((JsonObject) parameter).getString("name"))) {
                return (JsonObject) parameter;
            }
        }
        throw new AssertionError("No parameter " + name + " in " + operation.getString("operationId"));
    }

    /** Follows a {@code $ref} to components/responses. */
    private static JsonObject resolve(JsonObject document, JsonObject response) {
        String ref = response.getString("$ref");
        if (ref == null) {
            return response;
        }
        String name = ref.substring("#/components/responses/".length());
        return document.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
    }

    private static void assertProblem(JsonObject document, JsonObject response, String status) {
        assertNotNull(response, "No " + status + " answer");
        JsonObject resolved = resolve(document, response);
        assertEquals("#/components/schemas/Problem", resolved.getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"), status);
        JsonObject problem = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        assertTrue(problem.getJsonObject("properties").containsKey("code"));
    }

    private static void assertRetryAfter(JsonObject document, JsonObject response) {
        assertEquals("integer", resolve(document, response).getJsonObject("headers").getJsonObject("Retry-After")
                .getJsonObject("schema").getString("type"));
    }
}
