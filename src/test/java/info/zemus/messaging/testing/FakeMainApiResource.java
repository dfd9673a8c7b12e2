package info.zemus.messaging.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the fake main API for a test run and points the service at it and at the test database (a configured
 * one, or the tests' own embedded PostgreSQL: {@link TestDatabase#jdbcUrl()}).
 * The database settings are given here, to @QuarkusTest and to the packaged artifact of the integration tests
 * alike: no profile names a test database.
 */
public class FakeMainApiResource implements QuarkusTestResourceLifecycleManager {

    /** System property holding the fake's URL, readable from any class loader of the test JVM. */
    public static final String URL_PROPERTY = "zemus.test.fake-main-api.url";

    /**
     * Init arg: {@code unreachable} points the reactive pool at a closed port (migrations still run);
     * {@code proxied} puts a {@link TcpProxy} between the pool and PostgreSQL, for outages on demand.
     */
    public static final String DATABASE_ARG = "database";

    /** Init arg: the replay limit of reconnecting devices, to test truncation without sending 500 messages. */
    public static final String REPLAY_LIMIT_ARG = "replay-limit";

    /** Init arg: {@code tight} sets small send and connection limits, to reach them in a test. */
    public static final String LIMITS_ARG = "limits";

    /** Init arg: {@code fast} checks the tokens of open connections every second. */
    public static final String TOKEN_RECHECK_ARG = "token-recheck";

    /** Init arg: {@code small} bounds each connection's outbound queue to 64 KiB. */
    public static final String QUEUE_ARG = "queue";

    /** Init arg: the store timeout ({@code zemus.messages.store-timeout}), to reach it without waiting 5 s. */
    public static final String STORE_TIMEOUT_ARG = "store-timeout";

    /** Init arg: the most sends waiting for the group commit ({@code zemus.messages.max-queued-sends}). */
    public static final String MAX_QUEUED_SENDS_ARG = "max-queued-sends";

    /**
     * Init arg: {@code tight} gives each client address a budget of 3 refused requests per minute, and trusts
     * X-Forwarded-For from loopback (the tests' reverse proxy), so that a test can speak for several addresses.
     */
    public static final String REFUSALS_ARG = "refusals";

    private FakeMainApi fake;
    private boolean tightRefusals;
    private String storeTimeout;
    private String maxQueuedSends;
    private boolean smallQueues;
    private boolean fastTokenRecheck;
    private boolean databaseUnreachable;
    private boolean databaseProxied;
    private TcpProxy proxy;
    private boolean tightLimits;
    private String replayLimit;

    @Override
    public void init(Map<String, String> initArgs) {
        databaseUnreachable = "unreachable".equals(initArgs.get(DATABASE_ARG));
        databaseProxied = "proxied".equals(initArgs.get(DATABASE_ARG));
        replayLimit = initArgs.getOrDefault(REPLAY_LIMIT_ARG, "500");
        tightLimits = "tight".equals(initArgs.get(LIMITS_ARG));
        fastTokenRecheck = "fast".equals(initArgs.get(TOKEN_RECHECK_ARG));
        smallQueues = "small".equals(initArgs.get(QUEUE_ARG));
        storeTimeout = initArgs.get(STORE_TIMEOUT_ARG);
        tightRefusals = "tight".equals(initArgs.get(REFUSALS_ARG));
        maxQueuedSends = initArgs.get(MAX_QUEUED_SENDS_ARG);
    }

    @Override
    public Map<String, String> start() {
        try {
            fake = FakeMainApi.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(URL_PROPERTY, fake.url());
        if (databaseProxied) {
            try {
                proxy = TcpProxy.toTestDatabase();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fake.databaseProxy(proxy);
        }
        Map<String, String> config = new HashMap<>(Map.of(
                "zemus.main-api.url", fake.url(),
                "zemus.ws.replay-limit", replayLimit,
                "zemus.main-api.timeout", "1s",
                // Short, so that the recovery test sees the breaker close again quickly.
                "zemus.main-api.circuit-breaker.delay", "1s",
                "quarkus.datasource.username", TestDatabase.user(),
                "quarkus.datasource.password", TestDatabase.password(),
                "quarkus.datasource.reactive.url", databaseUnreachable ? TestDatabase.reactiveUrlThrough(1)
                        : proxy != null ? TestDatabase.reactiveUrlThrough(proxy.port()) : TestDatabase.reactiveUrl(),
                "quarkus.datasource.jdbc.url", TestDatabase.jdbcUrl()));
        // Load tests send hundreds of messages per user in seconds, far over a person's rate.
        config.put("zemus.limits.send-rate", "100000");
        config.put("zemus.limits.send-burst", "100000");
        for (String budget : List.of("read", "receipt", "device", "replay")) {
            config.put("zemus.limits." + budget + "-rate", "100000");
            config.put("zemus.limits." + budget + "-burst", "100000");
        }
        if (databaseProxied) {
            config.put("zemus.messages.store-timeout", "2s");
        }
        if (tightRefusals) {
            config.put("zemus.limits.refusals-per-address", "3");
            config.put("zemus.limits.refusal-window", "1m");
            config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            config.put("quarkus.http.proxy.allow-x-forwarded", "true");
            config.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
        if (storeTimeout != null) {
            config.put("zemus.messages.store-timeout", storeTimeout);
        }
        if (maxQueuedSends != null) {
            config.put("zemus.messages.max-queued-sends", maxQueuedSends);
        }
        if (smallQueues) {
            config.put("zemus.ws.max-queued-bytes", "65536");
        }
        if (fastTokenRecheck) {
            config.put("zemus.ws.token-recheck-interval", "1s");
        }
        if (tightLimits) {
            // One send per 100 s after a burst of 5: a test reaches the limit whatever the machine's speed.
            config.put("zemus.limits.send-rate", "0.01");
            config.put("zemus.limits.send-burst", "5");
            config.put("zemus.limits.max-connections-per-user", "3");
            config.put("zemus.limits.max-connections", "6");
            for (String budget : List.of("read", "receipt", "device", "replay")) {
                config.put("zemus.limits." + budget + "-rate", "0.01");
                config.put("zemus.limits." + budget + "-burst", "3");
            }
            config.put("zemus.ws.max-pending-frames", "50");
        }
        return config;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (fake != null) {
            fake.stop();
        }
    }
}
