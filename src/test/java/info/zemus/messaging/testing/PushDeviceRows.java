package info.zemus.messaging.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and ages the push_device rows of the test database over JDBC, to check what the service stored. */
public final class PushDeviceRows {

    /** One stored row. */
    public record Row(String installationId, long userId, String platform, String token, String tokenType,
                      String locale, Instant createdAt, Instant lastSeenAt) {
    }

    private PushDeviceRows() {
    }

    /** The user's rows, ordered by installation id. */
    public static List<Row> of(long userId) {
        return query("SELECT * FROM push_device WHERE user_id = ? ORDER BY installation_id", userId);
    }

    /** The row of an installation, or null. */
    public static Row installation(String installationId) {
        List<Row> rows = query("SELECT * FROM push_device WHERE installation_id = ?", installationId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The rows holding a token (at most one, by the UNIQUE constraint). */
    public static List<Row> withToken(String token) {
        return query("SELECT * FROM push_device WHERE token = ?", token);
    }

    /** Moves an installation's last_seen_at (and created_at, if later) back in time. */
    public static void age(String installationId, Duration by) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "UPDATE push_device SET last_seen_at = last_seen_at - ?::interval,"
                             + " created_at = least(created_at, last_seen_at - ?::interval) WHERE installation_id = ?")) {
            String interval = by.toSeconds() + " seconds";
            statement.setString(1, interval);
            statement.setString(2, interval);
            statement.setString(3, installationId);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("No device " + installationId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Row> query(String sql, Object parameter) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString("installation_id"), result.getLong("user_id"),
                            result.getString("platform"), result.getString("token"), result.getString("token_type"),
                            result.getString("locale"), result.getTimestamp("created_at").toInstant(),
                            result.getTimestamp("last_seen_at").toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.user(), TestDatabase.password());
    }
}
