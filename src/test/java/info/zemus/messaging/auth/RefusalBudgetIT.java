package info.zemus.messaging.auth;

import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.ServiceNode;
import info.zemus.messaging.testing.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The refusal budget on the packaged artifact (jar or native executable), started by the test with the trusted
 * proxy settings of its own: given to a {@code @QuarkusIntegrationTest} instead, Quarkus carries them into the
 * next test classes' processes.
 */
class RefusalBudgetIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeMainApiResource mainApi = new FakeMainApiResource();
    private ServiceNode node;

    @BeforeEach
    void start() {
        mainApi.init(Map.of(FakeMainApiResource.REFUSALS_ARG, "tight"));
        Map<String, String> config = new HashMap<>(mainApi.start());
        node = ServiceNode.start("refusal-budget-" + UUID.randomUUID().toString().substring(0, 8), config).awaitReady();
    }

    @AfterEach
    void stop() throws InterruptedException {
        node.close();
        mainApi.stop();
    }

    private HttpResponse<String> send(String forwardedFor, long from, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/users/" + from
                                + "/friends/" + Users.fresh() + "/message"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAddressOverItsRefusalBudgetGets429BeforeAnyMainApiCall() throws Exception {
        long victim = Users.fresh();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, send("203.0.113.9", victim, "forged-" + i).statusCode());
        }
        int calls = FakeMainApiControl.authCalls();
        HttpResponse<String> refused = send("203.0.113.9", victim, "forged-3");
        assertEquals(429, refused.statusCode(), refused.body());
        assertNotNull(refused.headers().firstValue("Retry-After").orElse(null));
        assertEquals(calls, FakeMainApiControl.authCalls(), "no main API call for an address over its budget");
        long alice = Users.fresh();
        assertEquals(201, send("198.51.100.9", alice, Users.token(alice)).statusCode(), "another address sends");
    }
}
