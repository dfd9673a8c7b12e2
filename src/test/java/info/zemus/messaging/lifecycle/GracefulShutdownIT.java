package info.zemus.messaging.lifecycle;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.PackagedArtifact;
import info.zemus.messaging.testing.TestDatabase;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to the packaged artifact (jar or native executable) under load: readiness goes DOWN, sockets are closed
 * with 1001, and every send that got a 201 is in the table. The process is started by the test itself, to be
 * able to signal it.
 */
class GracefulShutdownIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeMainApiResource mainApi = new FakeMainApiResource();
    private Process service;

    @AfterEach
    void stop() {
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
        }
        mainApi.stop();
    }

    @Test
    void sigtermUnderLoadLosesNoAcceptedMessageAndClosesSocketsWith1001() throws Exception {
        mainApi.init(Map.of());
        Map<String, String> config = mainApi.start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> settings = new LinkedHashMap<>(Map.of("quarkus.http.port", Integer.toString(port),
                "quarkus.log.file.path", "target/graceful-shutdown.log", "zemus.shutdown.readiness-delay", "1s"));
        settings.putAll(config);
        List<String> command = PackagedArtifact.built().command(settings);
        service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/graceful-shutdown.out")).start();
        RestAssured.port = port;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> ready(port) == 200);

        long alice = Users.fresh();
        long bob = Users.fresh();
        List<WsDevice> devices = List.of(WsDevice.connect(bob, Users.token(bob)), WsDevice.connect(bob, Users.token(bob)),
                WsDevice.connect(alice, Users.token(alice)));
        List<Long> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean sawNotReady = new AtomicBoolean();
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        HttpSender sender = new HttpSender();
        for (int t = 0; t < 4; t++) {
            senders.add(CompletableFuture.runAsync(() -> {
                while (service.isAlive()) {
                    try {
                        HttpResponse<String> response = sender.send(alice, bob, "before the end");
                        if (response.statusCode() == 201) {
                            accepted.add(new JsonObject(response.body()).getLong("id"));
                        } else {
                            assertEquals(503, response.statusCode(), response.body());
                        }
                    } catch (IllegalStateException connectionRefused) {
                        return; // the node is gone
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 200);

        service.destroy(); // SIGTERM
        CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> {
            while (service.isAlive()) {
                try {
                    if (ready(port) == 503) {
                        sawNotReady.set(true);
                    }
                } catch (Exception gone) {
                    return;
                }
            }
        });
        assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service stopped");
        probe.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> running : senders) {
            running.get(30, TimeUnit.SECONDS);
        }

        assertTrue(sawNotReady.get(), "readiness went DOWN before the end");
        for (WsDevice device : devices) {
            await().atMost(Duration.ofSeconds(10)).until(() -> device.closeCode() != null);
            assertEquals(1001, device.closeCode());
        }
        assertEquals(accepted.size(), TestDatabase.countIds(accepted), "every 201 is in the table");
    }

    private int ready(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
