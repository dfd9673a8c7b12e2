package info.zemus.messaging.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import info.zemus.messaging.broker.Publications.MessagePublished;
import info.zemus.messaging.broker.Publications.ReceiptsPublished;
import info.zemus.messaging.config.BrokerConfig;
import info.zemus.messaging.delivery.ReceiptEvent;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.UnreadCounts;
import info.zemus.messaging.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What nodes publish to each other reads back as it was written, including what PostgreSQL builds and signs in
 * the INSERT (on the real database); anything unsigned, signed with another secret, or altered is refused.
 */
class PublicationsTest {

    private static final String SECRET = "a-secret-of-the-nodes-0123456789abcdef";
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final PublicationSeal seal = new PublicationSeal(SECRET);
    private final Publications publications = new Publications(mapper, seal);

    @Test
    void readsBackAMessageAndItsNode() {
        Message message = new Message(311, 1, 2, "Salut « ça va ? » 🙂", Instant.parse("2026-11-25T04:43:02.004551Z"));
        MessagePublished read = (MessagePublished) publications.read(
                publications.message("node-a", message, new UnreadCounts(3, 7)));
        assertEquals("node-a", read.node());
        assertEquals(message, read.message());
        assertEquals(new UnreadCounts(3, 7), read.unread());
    }

    @Test
    void aMessageWithoutCountsReadsBackWithout() {
        Message message = new Message(312, 1, 2, "again", Instant.parse("2026-11-25T04:43:02.004551Z"));
        MessagePublished read = (MessagePublished) publications.read(publications.message("node-a", message, null));
        assertEquals(message, read.message());
        assertNull(read.unread());
    }

    @Test
    void readsTheMessageThatPostgresqlBuildsAndSignsInTheInsert() throws SQLException {
        String json = "{\"node\" : \"n1\", \"kind\" : \"message\", \"id\" : 7, \"senderId\" : 1, \"receiverId\" : 2, "
                + "\"content\" : \"Привет « ça va ? » 🙂\", \"sentAt\" : \"2026-11-27T10:04:00.201657+00:00\", "
                + "\"unread\" : 2, \"total\" : 5}";
        MessagePublished read = (MessagePublished) publications.read(signedByPostgresql(json, seal));
        assertEquals(new Message(7, 1, 2, "Привет « ça va ? » 🙂", Instant.parse("2026-11-27T10:04:00.201657Z")),
                read.message());
        assertEquals(new UnreadCounts(2, 5), read.unread());
    }

    @Test
    void postgresqlSignsWithLongSecretsAsJavaDoes() throws SQLException {
        PublicationSeal longSecret = new PublicationSeal("x".repeat(100)); // over HMAC's block: hashed first
        String json = "{\"node\":\"n1\",\"kind\":\"message\",\"id\":8,\"senderId\":1,\"receiverId\":2}";
        assertEquals(json, new String(longSecret.open(signedByPostgresql(json, longSecret)), StandardCharsets.UTF_8));
    }

    @Test
    void aMessageTooLargeForNotifyComesAsItsIdsOnly() {
        MessagePublished read = (MessagePublished) publications.read(sealed(
                "{\"node\" : \"n1\", \"kind\" : \"message\", \"id\" : 8, \"senderId\" : 1, \"receiverId\" : 2, "
                        + "\"unread\" : 1, \"total\" : 1}"));
        assertNull(read.message());
        assertEquals(8, read.id());
        assertEquals(2, read.receiverId());
        assertEquals(new UnreadCounts(1, 1), read.unread());
    }

    @Test
    void readsBackReceipts() {
        ReceiptEvent receipts = new ReceiptEvent("read", 2, 1, List.of(311L, 312L), Instant.parse("2026-11-25T04:44:00.000001Z"), 4, 9);
        ReceiptsPublished read = (ReceiptsPublished) publications.read(publications.receipts("node-b", receipts));
        assertEquals("node-b", read.node());
        assertEquals(receipts, read.receipts());
    }

    @Test
    void refusesWhatIsNotSignedWithTheNodesSecret() {
        String json = "{\"node\":\"x\",\"kind\":\"message\",\"id\":999999999,\"senderId\":1,\"receiverId\":2,"
                + "\"content\":\"forged\",\"sentAt\":\"2026-11-27T10:04:00Z\"}";
        assertRefused("unsigned publication", json.getBytes(StandardCharsets.UTF_8));
        assertRefused("unsigned publication", ("0".repeat(64) + json).getBytes(StandardCharsets.UTF_8));
        assertRefused("unsigned publication", ("zz".repeat(32) + " " + json).getBytes(StandardCharsets.UTF_8));
        assertRefused("wrong signature", new PublicationSeal("another-secret-0123456789abcdefghij")
                .seal(json.getBytes(StandardCharsets.UTF_8)));
        byte[] altered = sealed(json);
        altered[altered.length - 3] = '1';
        assertRefused("wrong signature", altered);
        assertRefused("unsigned publication", new byte[0]);
    }

    @Test
    void refusesSignedPayloadsThatAreNotPublications() {
        for (String json : List.of("{\"kind\":\"other\"}", "not json", "{\"kind\":\"message\"}", "[]",
                "{\"kind\":\"message\",\"id\":1,\"senderId\":1,\"receiverId\":2,\"content\":\"a\",\"sentAt\":\"yesterday\"}",
                "{\"kind\":\"receipt\",\"status\":\"read\"}")) {
            assertThrows(IllegalArgumentException.class, () -> publications.read(sealed(json)), json);
        }
    }

    @Test
    void aNodeOfSeveralDoesNotStartWithoutAStrongSecret() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new PublicationSeal(new TestBrokerConfig("short")));
        assertTrue(refused.getMessage().startsWith("zemus.broker.secret (ZEMUS_BROKER_SECRET) must be set, to at least 32"),
                refused.getMessage());
        assertThrows(IllegalStateException.class, () -> new PublicationSeal(new TestBrokerConfig(null)));
    }

    /** Two nodes on the postgres broker, with this secret (or none). */
    private record TestBrokerConfig(String secretValue) implements BrokerConfig {
        public Type type() {
            return Type.POSTGRES;
        }

        public Optional<String> nodeId() {
            return Optional.empty();
        }

        public Optional<String> secret() {
            return Optional.ofNullable(secretValue);
        }

        public Duration reconnectDelay() {
            return Duration.ofSeconds(1);
        }

        public Postgres postgres() {
            return null;
        }

        public Nats nats() {
            return null;
        }
    }

    private void assertRefused(String why, byte[] payload) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> publications.read(payload));
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    private byte[] sealed(String json) {
        return seal.seal(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The payload PostgreSQL notifies, signed by the same SQL expression as the INSERT's. */
    private static byte[] signedByPostgresql(String json, PublicationSeal seal) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT " + PublicationSeal.sealInSql("?::text", "?", "?"))) {
            // In the expression's order: outer pad, inner pad, the json, the json again.
            statement.setBytes(1, seal.outerPad());
            statement.setBytes(2, seal.innerPad());
            statement.setString(3, json);
            statement.setString(4, json);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1).getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
