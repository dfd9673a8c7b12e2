package info.zemus.messaging.database;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LISTEN connection keeps the pool's security (TLS mode, trusted certificates, role) and takes only where
 * to connect from {@code zemus.broker.postgres.url}. (The end-to-end path, LISTEN through another address, runs in
 * PostgresBrokerIT; the local server has no TLS.)
 */
class PoolConnectOptionsTest {

    private final PgConnectOptions pool = new PgConnectOptions().setHost("pgbouncer.internal").setPort(6432)
            .setDatabase("zemus").setUser("zemus").setPassword("secret").setSslMode(SslMode.VERIFY_FULL)
            .setHostnameVerificationAlgorithm("HTTPS")
            .setTrustOptions(new PemTrustOptions().addCertPath("/etc/zemus/db-ca.pem"));

    @Test
    void aSeparateListenAddressKeepsThePoolsTlsAndRole() {
        PgConnectOptions listen = PoolConnectOptions.forConnectionTo(pool,
                Optional.of("postgresql://db-1.internal:5433/zemus_main"), "zemus-broker");
        assertEquals("db-1.internal", listen.getHost());
        assertEquals(5433, listen.getPort());
        assertEquals("zemus_main", listen.getDatabase());
        assertEquals(SslMode.VERIFY_FULL, listen.getSslMode());
        assertEquals("HTTPS", listen.getHostnameVerificationAlgorithm());
        assertTrue(((PemTrustOptions) listen.getSslOptions().getTrustOptions()).getCertPaths()
                .contains("/etc/zemus/db-ca.pem"));
        assertEquals("zemus", listen.getUser());
        assertEquals("secret", listen.getPassword());
    }

    @Test
    void withoutOneItConnectsWhereThePoolDoes() {
        PgConnectOptions listen = PoolConnectOptions.forConnectionTo(pool, Optional.empty(), "zemus-readiness");
        assertEquals("pgbouncer.internal", listen.getHost());
        assertEquals(6432, listen.getPort());
        assertEquals("zemus-readiness", listen.getProperties().get("application_name"));
        assertNotEquals("zemus-readiness", pool.getProperties().get("application_name"), "the pool's own are left alone");
        assertEquals(SslMode.VERIFY_FULL, listen.getSslMode());
    }
}
