package info.zemus.messaging.push;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.message.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What push needs to know from the database: whether a message still waits for its recipient (no device
 * said {@code delivered} or {@code read}, on any node), and the recipient's devices. Read from the rows,
 * not from this node's sockets, so that it stays right when the recipient's phone is connected elsewhere.
 */
@ApplicationScoped
public class PushTargets {

    // One row per device of the recipient, or one row of NULL device columns when there is none.
    private static final String TARGETS = """
            SELECT (m.delivered_at IS NULL AND m.read_at IS NULL) AS pending,
                   d.installation_id, d.user_id, d.platform, d.token, d.token_type, d.locale, d.created_at, d.last_seen_at
            FROM messages m LEFT JOIN push_device d ON d.user_id = m.user_receiver_id
            WHERE m.id = $1
            ORDER BY d.last_seen_at DESC, d.installation_id""";

    private static final String PENDING = "SELECT id FROM messages WHERE id = ANY($1) AND delivered_at IS NULL AND read_at IS NULL";

    /** Whether the message still waits for its recipient, and where to push it. */
    public record Targets(boolean pending, List<Device> devices) {
    }

    private final Pool pool;
    private final Duration timeout;

    public PushTargets(Pool pool, MessagesConfig messages) {
        this.pool = pool;
        this.timeout = messages.storeTimeout();
    }

    public Uni<Targets> of(Message message) {
        return pool.preparedQuery(TARGETS).execute(Tuple.of(message.id()))
                .ifNoItem().after(timeout).fail()
                .map(rows -> {
                    boolean pending = false;
                    List<Device> devices = new ArrayList<>();
                    for (Row row : rows) {
                        pending = row.getBoolean("pending");
                        if (row.getString("installation_id") != null) {
                            devices.add(DeviceRegistry.device(row));
                        }
                    }
                    return new Targets(pending, devices);
                });
    }

    /** The ids among these of messages that no device acknowledged (delivered or read) yet. */
    public Uni<Set<Long>> pending(List<Long> ids) {
        return pool.preparedQuery(PENDING).execute(Tuple.of(ids.toArray(Long[]::new)))
                .ifNoItem().after(timeout).fail()
                .map(rows -> {
                    Set<Long> pending = new HashSet<>();
                    for (Row row : rows) {
                        pending.add(row.getLong("id"));
                    }
                    return pending;
                });
    }
}
