package info.zemus.messaging.broker;

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
 * certificates, client key, user and password as the pool, not with a second, weaker set of settings.
 */
@Singleton
public class PoolConnectOptions implements PgPoolCreator {

    private volatile PgConnectOptions poolOptions;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> options = input.pgConnectOptionsList();
        poolOptions = new PgConnectOptions(options.get(0));
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(List.<SqlConnectOptions>copyOf(options))
                .using(input.vertx()).build();
    }

    /**
     * Options for a connection of its own: the pool's, with host, port and database from {@code url} when given
     * (a LISTEN that must bypass a PgBouncer); called once the pool exists.
     */
    PgConnectOptions forConnectionTo(Optional<String> url) {
        if (poolOptions == null) {
            throw new IllegalStateException("the datasource's pool was not created yet");
        }
        return forConnectionTo(poolOptions, url);
    }

    static PgConnectOptions forConnectionTo(PgConnectOptions pool, Optional<String> url) {
        // Its SQL client metrics under a name of their own: the pool's name is taken by the pool's gauges.
        PgConnectOptions own = new PgConnectOptions(pool).setMetricsName("zemus-broker");
        url.map(PgConnectOptions::fromUri).ifPresent(target -> own.setHost(target.getHost()).setPort(target.getPort())
                .setDatabase(target.getDatabase()));
        return own;
    }
}
