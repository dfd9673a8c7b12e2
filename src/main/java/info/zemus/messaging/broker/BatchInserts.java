package info.zemus.messaging.broker;

import info.zemus.messaging.config.BrokerConfig;
import info.zemus.messaging.message.BatchInsert;
import info.zemus.messaging.message.MessageRepository;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What the broker adds to the group commit's INSERT (message.MessageWriter): the broker owns its wire format,
 * the SQL that announces a message included.
 */
@Singleton
public class BatchInserts {

    /** The advisory lock that orders the INSERTs of every node ("zemus" in ASCII). */
    static final long COMMIT_ORDER_LOCK = 0x7a656d7573L;

    /**
     * Several nodes: ids must still follow commit order across them (recovery with since relies on it), so
     * each INSERT first takes a transaction-level advisory lock, held until its commit. Every row needs the
     * lock's row to exist, so the lock is taken before the first id is drawn.
     */
    private static final String TAKE_LOCK = "WITH lock AS MATERIALIZED (SELECT pg_advisory_xact_lock(%d))"
            .formatted(COMMIT_ORDER_LOCK);

    static final String ORDERED = TAKE_LOCK + ",\n" + MessageRepository.STORE.formatted(" CROSS JOIN lock")
            + "\nSELECT " + MessageRepository.STORED_COLUMNS + " FROM arrivals";

    /**
     * The postgres broker: the same, and a NOTIFY per stored row in the same statement, so it is delivered at
     * commit and only then (PostgresBroker reads it), in {@link Publications}' form. NOTIFY payloads must stay
     * under 8000 bytes: a larger message travels as its ids only and is re-read by the nodes that need it. Each
     * payload is signed as {@link PublicationSeal} says: $5 the channel, $6 this node, $7 and $8 the padded keys.
     */
    static final String ORDERED_AND_NOTIFIED = TAKE_LOCK + ",\n"
            + MessageRepository.STORE.formatted(" CROSS JOIN lock") + "\n" + """
            SELECT %s, pg_notify($5, %s)
            FROM arrivals
            CROSS JOIN LATERAL (SELECT json_build_object('node', $6::text, 'kind', 'message', 'id', id,
                'senderId', user_sender_id, 'receiverId', user_receiver_id, 'content', content,
                'sentAt', sent_at, 'unread', unread, 'total', total)::text AS whole) publication
            CROSS JOIN LATERAL (SELECT CASE WHEN octet_length(whole) < 7800 THEN whole ELSE json_build_object(
                'node', $6::text, 'kind', 'message', 'id', id, 'senderId', user_sender_id,
                'receiverId', user_receiver_id, 'unread', unread, 'total', total)::text END AS announced) signed""".formatted(
            MessageRepository.STORED_COLUMNS,
            PublicationSeal.sealInSql("announced", "$7", "$8"));

    @Produces
    @Singleton
    BatchInsert batchInsert(BrokerConfig config, Node node, PublicationSeal seal) {
        return switch (config.type()) {
            case LOCAL -> BatchInsert.alone();
            case NATS -> new BatchInsert(ORDERED, List.of());
            case POSTGRES -> new BatchInsert(ORDERED_AND_NOTIFIED, List.of(config.postgres().channel(), node.id(),
                    Buffer.buffer(seal.innerPad()), Buffer.buffer(seal.outerPad())));
        };
    }
}
