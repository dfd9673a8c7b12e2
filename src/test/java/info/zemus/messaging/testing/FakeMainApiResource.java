package info.zemus.messaging.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts the fake main API for a test run and points the service at it and at the test database.
 * The database settings are repeated here (not only in the %test profile) because the packaged jar
 * of the integration tests runs in the prod profile.
 */
public class FakeMainApiResource implements QuarkusTestResourceLifecycleManager {

    /** System property holding the fake's URL, readable from any class loader of the test JVM. */
    public static final String URL_PROPERTY = "zemus.test.fake-main-api.url";

    /** Init arg: {@code unreachable} points the reactive pool at a closed port (migrations still run). */
    public static final String DATABASE_ARG = "database";

    /** Init arg: the replay limit of reconnecting devices, to test truncation without sending 500 messages. */
    public static final String REPLAY_LIMIT_ARG = "replay-limit";

    private FakeMainApi fake;
    private boolean databaseUnreachable;
    private String replayLimit;

    @Override
    public void init(Map<String, String> initArgs) {
        databaseUnreachable = "unreachable".equals(initArgs.get(DATABASE_ARG));
        replayLimit = initArgs.getOrDefault(REPLAY_LIMIT_ARG, "500");
    }

    @Override
    public Map<String, String> start() {
        try {
            fake = FakeMainApi.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(URL_PROPERTY, fake.url());
        return Map.of(
                "zemus.main-api.url", fake.url(),
                "zemus.ws.replay-limit", replayLimit,
                "zemus.main-api.timeout", "1s",
                // Short, so that the recovery test sees the breaker close again quickly.
                "zemus.main-api.circuit-breaker.delay", "1s",
                "quarkus.datasource.username", TestDatabase.USER,
                "quarkus.datasource.password", TestDatabase.PASSWORD,
                "quarkus.datasource.reactive.url", databaseUnreachable
                        ? "postgresql://127.0.0.1:1/" + TestDatabase.NAME
                        : "postgresql://localhost:5432/" + TestDatabase.NAME,
                "quarkus.datasource.jdbc.url", TestDatabase.JDBC_URL);
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
        }
    }
}
