package info.zemus.messaging.lifecycle;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.PackagedArtifact;
import info.zemus.messaging.testing.ServiceNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The packaged artifact (jar or native executable) started as ops would, with settings meant for developers: a
 * developer profile stops it, so does a broker between nodes without its secret, and so does a missing datasource
 * (it never starts a PostgreSQL of its own, as {@code ./mvnw quarkus:dev} and the tests do: the embedded server is
 * not in it); a friendship check turned off is said at WARN.
 */
class SafeConfigurationIT {

    private final FakeMainApiResource mainApi = new FakeMainApiResource();
    private Map<String, String> config;
    private ServiceNode node;

    @BeforeEach
    void start() {
        mainApi.init(Map.of());
        config = new HashMap<>(mainApi.start());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        mainApi.stop();
    }

    @Test
    void refusesToStartWithADeveloperProfile() throws Exception {
        config.put("quarkus.profile", "dev");
        startExpectingARefusal("safe-config-dev");
        assertOutputSays("The runtime profile 'dev' (QUARKUS_PROFILE or quarkus.profile) is for developers and tests only");
    }

    @Test
    void refusesToStartOneOfSeveralNodesWithoutTheSecretOfTheirPublications() throws Exception {
        config.put("zemus.broker.type", "postgres");
        config.put("zemus.broker.postgres.channel", "zemus_test_no_secret");
        startExpectingARefusal("safe-config-secret");
        assertOutputSays("zemus.broker.secret (ZEMUS_BROKER_SECRET) must be set, to at least 32 characters and the same"
                + " on every node, when zemus.broker.type is postgres");
    }

    @Test
    void warnsWhenTheFriendshipCheckIsOff() throws Exception {
        config.put("zemus.main-api.check-friendship", "false");
        node = ServiceNode.start("safe-config-friends-" + UUID.randomUUID().toString().substring(0, 8), config).awaitReady();
        await().atMost(Duration.ofSeconds(10)).until(() -> node.output().lines().anyMatch(line -> line.contains("WARN")
                && line.contains("zemus.main-api.check-friendship (ZEMUS_MAIN_API_CHECK_FRIENDSHIP) is false")));
    }

    @Test
    void stopsWithoutADatasourceInsteadOfStartingADatabase() throws Exception {
        // An empty value unsets the production default (localhost:5432): no datasource at all, as in dev mode.
        config.put("quarkus.datasource.reactive.url", "");
        config.put("quarkus.datasource.jdbc.url", "");
        startExpectingARefusal("no-datasource");
        // The native executable has once exited here with nothing in its output at all (its console log is
        // asynchronous): the reason is checked when it was printed; the exit and the absence of a database always.
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !node.output().isEmpty());
        } catch (ConditionTimeoutException nothingPrinted) {
            // Only the exit status and the absence of the embedded server's lines are checked then.
        }
        String output = node.output();
        assertTrue(output.isEmpty() || output.contains("because its URL is not set"), output);
        for (String sign : List.of("Dev database", "Postgres binaries", "embedded-pg", "initdb")) {
            assertFalse(output.contains(sign), () -> "'" + sign + "' in the output:\n" + output);
        }
    }

    @Test
    void theJarHoldsNoEmbeddedPostgres() throws IOException {
        PackagedArtifact artifact = PackagedArtifact.built();
        assumeFalse(artifact.isNative(), "the jar's libraries only");
        try (Stream<Path> libraries = Files.walk(artifact.path().getParent().resolve("lib"))) {
            assertEquals(List.of(), libraries.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("io.zonky")).toList());
        }
    }

    /** Starts the artifact with {@link #config} and expects it to stop by itself, with a failure status. */
    private void startExpectingARefusal(String name) throws InterruptedException {
        node = ServiceNode.start(name + "-" + UUID.randomUUID().toString().substring(0, 8), config);
        assertNotEquals(0, node.awaitExit(Duration.ofSeconds(60)));
    }

    /** The log of a process that just exited may reach its file a moment later (the native executable exits fast). */
    private void assertOutputSays(String text) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(node.output().contains(text), node.output()));
    }
}
