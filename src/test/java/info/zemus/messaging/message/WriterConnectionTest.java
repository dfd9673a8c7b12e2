package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The group commit writes through one connection it holds; losing it must not stop the sends. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class WriterConnectionTest {

    private final HttpSender http = new HttpSender();

    @Test
    void sendsGoOnWhenTheWritersConnectionIsKilled() {
        long alice = Users.fresh();
        long bob = Users.fresh();
        List<Long> accepted = new ArrayList<>();
        accept(accepted, http.send(alice, bob, "before"));

        assertTrue(TestDatabase.terminateMessageWriters() >= 1, "the writer's connection was found");

        // A send that reaches the dead connection before its close is noticed gets 503; then a new one is opened.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> response = http.send(alice, bob, "after the kill");
            if (response.statusCode() != 201) {
                assertEquals(503, response.statusCode(), response.body());
                return false;
            }
            accept(accepted, response);
            return true;
        });
        for (int i = 0; i < 20; i++) {
            accept(accepted, http.send(alice, bob, "and on " + i));
        }
        assertEquals(accepted.size(), TestDatabase.countIds(accepted), "every 201 is in the table");
    }

    private static void accept(List<Long> accepted, HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        accepted.add(new JsonObject(response.body()).getLong("id"));
    }
}
