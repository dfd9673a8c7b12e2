package info.zemus.messaging.push;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.database.DatabaseFailures;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The push devices of every user, in PostgreSQL through the reactive pool. A token belongs to one
 * installation, so to one user: registering it moves it. Every database failure becomes a 503.
 *
 * <p>Who may move what. A push token is known only to the phone it was issued to (FCM and APNs hand it to the app,
 * nobody else), so presenting it proves the caller holds that phone: a token registered by another user's
 * installation moves to the caller's (another account logged in on the phone). An installation id proves nothing
 * (it travels in URLs and logs): another user's installation is taken over only together with the token it holds
 * (the same phone, another account); otherwise 409 {@code installation_taken}, and the app registers under a new
 * installation id.
 */
@ApplicationScoped
public class DeviceRegistry {

    private static final String COLUMNS = "installation_id, user_id, platform, token, token_type, locale, created_at, last_seen_at";

    // The token left another installation (an app reinstalled, or another user logged in on the phone).
    private static final String RELEASE_TOKEN = "DELETE FROM push_device WHERE token = $1 AND installation_id <> $2";

    // An installation that changes hands starts afresh: its created_at is the new owner's. It changes hands only
    // with the token it holds (see the class comment); else no row comes back.
    private static final String UPSERT = """
            INSERT INTO push_device (installation_id, user_id, platform, token, token_type, locale)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (installation_id) DO UPDATE SET
                user_id = EXCLUDED.user_id, platform = EXCLUDED.platform, token = EXCLUDED.token,
                token_type = EXCLUDED.token_type, locale = EXCLUDED.locale, last_seen_at = now(),
                created_at = CASE WHEN push_device.user_id = EXCLUDED.user_id
                                  THEN push_device.created_at ELSE now() END
            WHERE push_device.user_id = EXCLUDED.user_id OR push_device.token = EXCLUDED.token
            RETURNING (xmax = 0) AS created""";

    // Keeps the installation just registered plus the ($3) most recently seen others.
    private static final String EVICT = """
            DELETE FROM push_device WHERE installation_id IN (
                SELECT installation_id FROM push_device WHERE user_id = $1 AND installation_id <> $2
                ORDER BY last_seen_at DESC, installation_id OFFSET $3)
            RETURNING installation_id""";

    private static final String REMOVE = "DELETE FROM push_device WHERE installation_id = $1 AND user_id = $2";

    private static final String FORGET = "DELETE FROM push_device WHERE installation_id = $1 AND token = $2";

    private static final String PRUNE = "DELETE FROM push_device WHERE last_seen_at < $1";

    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final int maxDevicesPerUser;
    private final Duration timeout;

    public DeviceRegistry(Pool pool, PushConfig push, MessagesConfig messages) {
        this.pool = pool;
        this.maxDevicesPerUser = Math.max(1, push.maxDevicesPerUser());
        this.timeout = messages.storeTimeout();
    }

    /**
     * Registers (or refreshes) an installation of the user, in one transaction: the token leaves any other
     * installation, the installation becomes the user's (whoever had it), its last_seen_at is now, and the
     * user's least recently seen devices beyond the maximum are evicted. Completes with true when the
     * installation was new.
     */
    public Uni<Boolean> upsert(long userId, String installationId, DeviceRegistration device) {
        return pool.withTransaction(connection -> upsertIn(connection, userId, installationId, device))
                // Two registrations of one token racing from two installations: the loser hits the UNIQUE
                // constraint; once the winner committed, running again moves the token as usual.
                .onFailure(DeviceRegistry::isUniqueViolation).retry().atMost(1)
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Registering device " + installationId + " of " + userId, failure));
    }

    private Uni<Boolean> upsertIn(SqlConnection connection, long userId, String installationId, DeviceRegistration device) {
        return connection.preparedQuery(RELEASE_TOKEN).execute(Tuple.of(device.token(), installationId))
                .chain(released -> connection.preparedQuery(UPSERT).execute(Tuple.of(installationId, userId,
                                device.platform(), device.token(), device.tokenType(), device.locale()))
                        .map(rows -> {
                            if (rows.size() == 0) { // rolls the transaction back, the token's release included
                                Log.infof("Device %s of another user not taken over by user %d (another token)",
                                        installationId, userId);
                                throw new ApiException(ErrorCode.INSTALLATION_TAKEN, "This installation is registered"
                                        + " to another user; register it with the push token it holds, or under a new"
                                        + " installation id");
                            }
                            return rows.iterator().next().getBoolean("created");
                        })
                        .invoke(created -> {
                            if (released.rowCount() > 0) {
                                Log.infof("Push token moved to device %s of user %d", installationId, userId);
                            }
                        }))
                .call(created -> connection.preparedQuery(EVICT)
                        .execute(Tuple.of(userId, installationId, maxDevicesPerUser - 1))
                        .invoke(evicted -> {
                            for (Row row : evicted) {
                                Log.infof("Evicted device %s of user %d (over %d devices)",
                                        row.getString("installation_id"), userId, maxDevicesPerUser);
                            }
                        }));
    }

    /** Deletes the user's installation; true when there was one. Another user's installation is left alone. */
    public Uni<Boolean> remove(long userId, String installationId) {
        return pool.preparedQuery(REMOVE).execute(Tuple.of(installationId, userId))
                .ifNoItem().after(timeout).fail()
                .map(rows -> rows.rowCount() > 0)
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Removing device " + installationId + " of " + userId, failure));
    }

    /**
     * Deletes a device whose token the provider declared dead; completes with true when it was deleted.
     * Only while it still holds that token: a device that registered a fresh one meanwhile is kept.
     */
    public Uni<Boolean> forgetDeadToken(Device device) {
        return pool.preparedQuery(FORGET).execute(Tuple.of(device.installationId(), device.token()))
                .ifNoItem().after(timeout).fail()
                .map(rows -> rows.rowCount() > 0);
    }

    /** A device from a row holding the columns of push_device. */
    static Device device(Row row) {
        return new Device(row.getString("installation_id"), row.getLong("user_id"),
                row.getString("platform"), row.getString("token"), row.getString("token_type"),
                row.getString("locale"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("last_seen_at").toInstant());
    }

    /** Deletes every device not seen since {@code before}; completes with how many. */
    public Uni<Integer> pruneStale(Instant before) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(OffsetDateTime.ofInstant(before, ZoneOffset.UTC)))
                .ifNoItem().after(timeout).fail()
                .map(rows -> rows.rowCount())
                .onFailure().transform(failure -> DatabaseFailures.unavailable("Pruning devices", failure));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
