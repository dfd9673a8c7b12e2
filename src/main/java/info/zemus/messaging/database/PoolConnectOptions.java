package info.zemus.messaging.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Creates the datasource's pool as Quarkus would (its documented {@link PgPoolCreator} hook), keeping the options
 * Quarkus resolved for it: the LISTEN connection of the postgres broker connects with the same TLS mode, trusted
 * certificates, client key, user and password as the pool, not with a second, weaker set of settings; so does
 * the readiness check's connection. It also lets the long statements of the group commit be kept prepared.
 */
@Singleton
public class PoolConnectOptions implements PgPoolCreator {

    /** Longest statement kept prepared (with quarkus.datasource.reactive.cache-prepared-statements), in characters. */
    static final int PREPARED_SQL_LIMIT = 16 * 1024;

    private volatile PgConnectOptions poolOptions;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> options = input.pgConnectOptionsList();
        // The group commit's statements are longer than Vert.x's default limit (2048 characters) for the statements
        // a connection keeps prepared; over it, each batch was parsed and planned again (finding 29).
        options.forEach(option -> option.setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT));
        poolOptions = new PgConnectOptions(options.get(0));
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(List.<SqlConnectOptions>copyOf(options))
                .using(input.vertx()).build();
    }

    /**
     * Options for a connection of its own, named {@code name}: the pool's, with host, port and database from {@code url} when given
     * (a LISTEN that must bypass a PgBouncer). {@code pool} is the datasource's, created now if not yet.
     */
    public PgConnectOptions forConnectionTo(io.vertx.mutiny.sqlclient.Pool pool, Optional<String> url, String name) {
        pool.getDelegate().size(); // a call on the pool itself (not its CDI proxy) makes Quarkus create it
        if (poolOptions == null) {
            throw new IllegalStateException("the datasource's pool was not created by Quarkus");
        }
        return forConnectionTo(poolOptions, url, name);
    }

    /** {@code name}: of its SQL client metrics (the pool's is taken by the pool's gauges) and its application_name. */
    static PgConnectOptions forConnectionTo(PgConnectOptions pool, Optional<String> url, String name) {
        PgConnectOptions own = new PgConnectOptions(pool).setMetricsName(name);
        own.addProperty("application_name", name);
        url.map(PgConnectOptions::fromUri).ifPresent(target -> own.setHost(target.getHost()).setPort(target.getPort())
                .setDatabase(target.getDatabase()));
        return own;
    }
}
