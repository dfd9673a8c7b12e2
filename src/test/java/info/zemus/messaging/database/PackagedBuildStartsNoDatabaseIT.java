package info.zemus.messaging.database;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.PackagedArtifact;
import info.zemus.messaging.testing.ServiceNode;
import org.junit.jupiter.api.AfterEach;
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
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What ships never starts a PostgreSQL of its own, as {@code ./mvnw quarkus:dev} and the tests do: without a
 * datasource the packaged artifact (jar or native executable) stops, and the embedded server is not in it.
 */
class PackagedBuildStartsNoDatabaseIT {

    private final FakeMainApiResource mainApi = new FakeMainApiResource();
    private ServiceNode node;

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        mainApi.stop();
    }

    @Test
    void stopsWithoutADatasourceInsteadOfStartingADatabase() throws Exception {
        mainApi.init(Map.of());
        Map<String, String> config = new HashMap<>(mainApi.start());
        // An empty value unsets the production default (localhost:5432): no datasource at all, as in dev mode.
        config.put("quarkus.datasource.reactive.url", "");
        config.put("quarkus.datasource.jdbc.url", "");
        node = ServiceNode.start("no-datasource-" + UUID.randomUUID().toString().substring(0, 8), config);
        assertNotEquals(0, node.awaitExit(Duration.ofSeconds(60)));
        // The log of a process that just exited may reach its file a moment later (the native executable exits fast).
        await().atMost(Duration.ofSeconds(10)).until(() -> node.output().contains("because its URL is not set"));
        String output = node.output();
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
}
