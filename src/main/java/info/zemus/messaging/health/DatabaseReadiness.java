package info.zemus.messaging.health;

import info.zemus.messaging.database.PoolConnectOptions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Ready when PostgreSQL answers, through a connection of its own with the pool's settings (a pool filled by a
 * flood of requests would otherwise take every node out of rotation at once, and its users' devices with it:
 * the requests get their 503s, the node stays in rotation), and its schema is
 * at least at the version this build expects (newer is fine: migrations only add, so a rolled-back
 * binary runs on its successor's schema). The main API is deliberately not checked: its outage makes sends
 * fail with 503, but taking every node out of rotation would also cut live delivery.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    private static final String NAME = "database";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String LATEST_APPLIED = """
            SELECT version FROM flyway_schema_history
            WHERE success AND version IS NOT NULL
            ORDER BY installed_rank DESC LIMIT 1""";

    private final Pool pool;
    private final Flyway flyway;
    private volatile MigrationVersion expectedVersion;

    public DatabaseReadiness(Pool pool, PoolConnectOptions options, Vertx vertx, Flyway flyway) {
        this.pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1).setName("zemus-readiness"))
                .connectingTo(options.forConnectionTo(pool, Optional.empty(), "zemus-readiness"))
                .using(vertx)
                .build());
        this.flyway = flyway;
    }

    void close(@Observes ShutdownEvent event) {
        pool.close().subscribe().with(ignored -> { }, ignored -> { });
    }

    // Read once at start-up, after the migrations ran, from the migrations packaged in this build.
    void readExpectedVersion(@Observes StartupEvent event) {
        expectedVersion = Arrays.stream(flyway.info().all())
                .filter(migration -> migration.getState().isResolved()) // packaged here, not only applied
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.EMPTY);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query(LATEST_APPLIED).execute()
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    RowIterator<Row> iterator = rows.iterator();
                    String applied = iterator.hasNext() ? iterator.next().getString("version") : null;
                    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                            .withData("schemaVersion", String.valueOf(applied))
                            .withData("expectedSchemaVersion", String.valueOf(expectedVersion));
                    return response.status(applied != null
                            && MigrationVersion.fromVersion(applied).compareTo(expectedVersion) >= 0).build();
                })
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .withData("error", failure.getClass().getSimpleName())
                        .down().build());
    }
}
