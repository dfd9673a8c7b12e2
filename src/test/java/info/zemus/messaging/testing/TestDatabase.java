package info.zemus.messaging.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the test database directly over JDBC, to check what the service really stored; says where it is (a
 * configured server, or the tests' own embedded one: {@link TestPostgres}).
 */
public final class TestDatabase {

    static final String NAME = "zemus_test";
    static final String USER = "zemus";
    static final String PASSWORD = "zemus";

    private TestDatabase() {
    }

    /** The test database's JDBC URL: a configured one, or the embedded server's ({@link TestPostgres}). */
    public static String jdbcUrl() {
        return TestPostgres.jdbcUrl();
    }

    /** The same database as the reactive client names it, {@code postgresql://host:port/db}. */
    public static String reactiveUrl() {
        return jdbcUrl().substring("jdbc:".length());
    }

    /** The reactive URL of the same database through another local port (a {@link TcpProxy}, a closed port). */
    public static String reactiveUrlThrough(int port) {
        URI server = URI.create(reactiveUrl());
        return server.getScheme() + "://127.0.0.1:" + port + server.getRawPath()
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    }

    public static String host() {
        return URI.create(reactiveUrl()).getHost();
    }

    public static int port() {
        int port = URI.create(reactiveUrl()).getPort();
        return port < 0 ? 5432 : port;
    }

    public static String user() {
        return TestPostgres.user();
    }

    public static String password() {
        return TestPostgres.password();
    }

    /** Number of stored messages between two users, in both directions. */
    public static long countBetween(long a, long b) {
        return queryLong("SELECT count(*) FROM messages WHERE (user_sender_id = ? AND user_receiver_id = ?)"
                + " OR (user_sender_id = ? AND user_receiver_id = ?)", a, b, b, a);
    }

    /** Number of stored messages sent or received by a user. */
    public static long countInvolving(long user) {
        return queryLong("SELECT count(*) FROM messages WHERE user_sender_id = ? OR user_receiver_id = ?", user, user);
    }

    /** The contents stored from sender to receiver, in id order. */
    public static List<String> contents(long sender, long receiver) {
        return between("content", sender, receiver, rows -> rows.getString(1));
    }

    /**
     * Terminates the service's connections whose last statement stored messages (the group commit's writer),
     * as an administrator or a failover would; returns how many.
     */
    public static long terminateMessageWriters() {
        return queryLong("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                + " AND query LIKE '%INSERT INTO messages%'");
    }

    /** A connection of its own to the test database, for a test that holds a transaction or a lock. */
    public static Connection connect() {
        try {
            return DriverManager.getConnection(jdbcUrl(), user(), password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids stored from sender to receiver, in id order. */
    public static List<Long> ids(long sender, long receiver) {
        return between("id", sender, receiver, rows -> rows.getLong(1));
    }

    /** Reads one value of the current row. */
    private interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    // One column of the messages from sender to receiver, in id order.
    private static <T> List<T> between(String column, long sender, long receiver, Column<T> reader) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT " + column
                     + " FROM messages WHERE user_sender_id = ? AND user_receiver_id = ? ORDER BY id")) {
            statement.setLong(1, sender);
            statement.setLong(2, receiver);
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(reader.read(rows));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Statements of other sessions storing messages that wait on a lock (a test's LOCK TABLE, say). */
    public static long insertsWaitingOnALock() {
        return statementsWaitingOnALock("INSERT INTO messages");
    }

    /** Statements of other sessions waiting on a lock whose text contains this fragment. */
    public static long statementsWaitingOnALock(String fragment) {
        return queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE ? AND pid <> pg_backend_pid()", "%" + fragment + "%");
    }

    /** Whether the recipient acknowledged this message ({@code delivered_at} is set). */
    public static boolean isDelivered(long id) {
        return queryLong("SELECT count(*) FROM messages WHERE id = ? AND delivered_at IS NOT NULL", id) == 1;
    }

    /** Rows of presence about this user: their sessions on nodes, and their own row (last seen). */
    public static long presenceRows(long userId) {
        return queryLong("SELECT (SELECT count(*) FROM presence_sessions WHERE user_id = ?)"
                + " + (SELECT count(*) FROM presence WHERE user_id = ?)", userId, userId);
    }

    /** A node lease that ran out a minute ago, of this deployment, with a session of this user on it. */
    public static void deadNode(String node, String deployment, long userId) {
        queryLong("WITH lease AS (INSERT INTO presence_nodes (node_id, alive_until, deployment)"
                + " VALUES (?, now() - interval '1 minute', ?))"
                + " INSERT INTO presence_sessions (node_id, user_id) VALUES (?, ?) RETURNING 1", node, deployment, node, userId);
    }

    /** Whether this node's lease row is still there (not swept). */
    public static boolean nodeLeaseExists(String node) {
        return queryLong("SELECT count(*) FROM presence_nodes WHERE node_id = ?", node) == 1;
    }

    /** Removes a node's lease and sessions. */
    public static void removeNode(String node) {
        queryLong("WITH sessions AS (DELETE FROM presence_sessions WHERE node_id = ?),"
                + " lease AS (DELETE FROM presence_nodes WHERE node_id = ? RETURNING 1) SELECT count(*) FROM lease", node, node);
    }

    /** Counts the rows whose id is in the list. */
    public static long countIds(List<Long> ids) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password());
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM messages WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long queryLong(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
