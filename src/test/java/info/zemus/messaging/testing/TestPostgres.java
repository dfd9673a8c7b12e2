package info.zemus.messaging.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PostgreSQL server of the tests: the one the environment names ({@code QUARKUS_DATASOURCE_JDBC_URL} or
 * {@code QUARKUS_DATASOURCE_REACTIVE_URL}, their {@code _TEST_} forms first, with {@code ..._USERNAME} and
 * {@code ..._PASSWORD}), or else a real server of their own from Maven Central's binaries, started on first use,
 * once per test JVM, with an empty database, and stopped when the JVM exits.
 */
final class TestPostgres {

    private static final Logger LOG = Logger.getLogger(TestPostgres.class);

    // @QuarkusTest loads this class in several class loaders: the URL chosen, in a system property, is shared by all.
    private static final String URL_PROPERTY = "zemus.test.database.jdbc-url";

    // Kept reachable; the library's shutdown hook stops the server when the JVM exits.
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** The JDBC URL of the test database, starting the embedded server if none is configured. */
    static String jdbcUrl() {
        String chosen = System.getProperty(URL_PROPERTY);
        if (chosen != null) {
            return chosen;
        }
        // A string literal is one object in the whole JVM, whatever the class loader: the lock they all share.
        synchronized (URL_PROPERTY) {
            chosen = System.getProperty(URL_PROPERTY);
            if (chosen == null) {
                chosen = configured("QUARKUS_DATASOURCE_JDBC_URL")
                        .or(() -> configured("QUARKUS_DATASOURCE_REACTIVE_URL").map(url -> "jdbc:" + url))
                        .orElseGet(TestPostgres::startEmbedded);
                System.setProperty(URL_PROPERTY, chosen);
            }
            return chosen;
        }
    }

    static String user() {
        return configured("QUARKUS_DATASOURCE_USERNAME").orElse(TestDatabase.USER);
    }

    static String password() {
        return configured("QUARKUS_DATASOURCE_PASSWORD").orElse(TestDatabase.PASSWORD);
    }

    // The %test profile's variable (_TEST_QUARKUS_...) first, as Quarkus reads it, then the plain one.
    private static Optional<String> configured(String variable) {
        return Stream.of("_TEST_" + variable, variable).map(System::getenv)
                .filter(value -> value != null && !value.isBlank()).findFirst();
    }

    private static String startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("The tests' PostgreSQL did not start (QUARKUS_DATASOURCE_JDBC_URL"
                    + " names a server of your own)", e);
        }
        try (Connection connection = embedded.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + TestDatabase.USER + " LOGIN PASSWORD '" + TestDatabase.PASSWORD + "'");
            statement.execute("CREATE DATABASE " + TestDatabase.NAME + " OWNER " + TestDatabase.USER);
        } catch (SQLException e) {
            throw new IllegalStateException("The tests' PostgreSQL could not be prepared", e);
        }
        LOG.infof("Tests' database: an embedded PostgreSQL at 127.0.0.1:%d", embedded.getPort());
        return "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/" + TestDatabase.NAME;
    }
}
