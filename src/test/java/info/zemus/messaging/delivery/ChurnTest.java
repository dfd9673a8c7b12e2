package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 2,000 connects and disconnects from 50 parallel clients while messages flow: no error, no leak. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class ChurnTest {

    private static final int CLIENTS = 50;
    private static final int CYCLES = 40;

    private final HttpSender http = new HttpSender();

    @Test
    void theHubReturnsToTheOpenConnectionsAndNothingFails() throws Exception {
        Path log = Path.of("target/quarkus.log"); // the packaged jar's log, in integration tests
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        long sender = Users.fresh();
        long steady = Users.fresh();
        List<Long> churners = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            churners.add(Users.fresh());
        }
        try (WsDevice steadyPhone = WsDevice.connect(steady, Users.token(steady));
             WsDevice steadyTablet = WsDevice.connect(steady, Users.token(steady))) {
            int openBefore = connections();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 2);
            List<Future<?>> work = new ArrayList<>();
            for (long user : churners) {
                work.add(pool.submit(() -> {
                    for (int cycle = 0; cycle < CYCLES; cycle++) {
                        WsDevice.connect(user, Users.token(user)).closeAndWait();
                    }
                }));
            }
            Set<Long> forSteady = ConcurrentHashMap.newKeySet();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        long to = i % 2 == 0 ? steady : churners.get((thread + i) % CLIENTS);
                        HttpResponse<String> response = http.send(sender, to, "during churn " + thread + "/" + i);
                        assertEquals(201, response.statusCode(), response.body());
                        if (to == steady) {
                            forSteady.add(new JsonObject(response.body()).getLong("id"));
                        }
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            pool.shutdown();

            await().atMost(Duration.ofSeconds(15)).until(() -> connections() == openBefore);
            for (WsDevice device : List.of(steadyPhone, steadyTablet)) {
                Set<Long> got = new HashSet<>();
                while (got.size() < forSteady.size()) {
                    assertTrue(got.add(device.next("message").getLong("id")), "duplicate delivery");
                }
                assertEquals(forSteady, got);
            }
        }
        if (Files.exists(log)) {
            String written = Files.readString(log).substring((int) Math.min(logStart, Files.size(log)));
            assertTrue(written.lines().noneMatch(line -> line.contains(" ERROR ")), "errors in the log during churn");
        }
    }

    private static int connections() {
        return given().get("/q/health/live").then().statusCode(200).extract().jsonPath()
                .getInt("checks.find { it.name == 'sessions' }.data.connections");
    }
}
