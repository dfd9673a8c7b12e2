package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL behind a TCP proxy that the test cuts and restores while sends keep coming. */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class,
        initArgs = @ResourceArg(name = FakeMainApiResource.DATABASE_ARG, value = "proxied"))
class DatabaseOutageTest {

    private final HttpSender http = new HttpSender();

    @Test
    void sendsFailFastDuringAnOutageAndEveryAcceptedOneIsStoredAfterIt() throws Exception {
        long alice = Users.fresh();
        long bob = Users.fresh();
        List<Long> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            int i = 0;
            while (running.get()) {
                HttpResponse<String> response = http.send(alice, bob, "through the outage " + i++);
                if (response.statusCode() == 201) {
                    accepted.add(new JsonObject(response.body()).getLong("id"));
                } else {
                    assertEquals(503, response.statusCode(), response.body());
                    assertEquals("database_unavailable", new JsonObject(response.body()).getString("code"));
                    assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    refused.incrementAndGet();
                }
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() >= 20);
            FakeMainApiControl.cutDatabase();
            await().atMost(Duration.ofSeconds(20)).until(() -> refused.get() >= 3);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    given().get("/q/health/ready").statusCode() == 503);
            FakeMainApiControl.restoreDatabase();
            // No restart: readiness and sends come back by themselves.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    given().get("/q/health/ready").statusCode() == 200);
            int before = accepted.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= before + 20);
        } finally {
            running.set(false);
            FakeMainApiControl.restoreDatabase();
        }
        traffic.get();
        assertEquals(accepted.size(), TestDatabase.countIds(accepted), "every 201 is in the table");
    }
}
