package info.zemus.messaging.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import info.zemus.messaging.broker.Publications.MessagePublished;
import info.zemus.messaging.broker.Publications.ReceiptsPublished;
import info.zemus.messaging.delivery.ReceiptEvent;
import info.zemus.messaging.message.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What nodes publish to each other reads back as it was written, including PostgreSQL's own JSON. */
class PublicationsTest {

    private final Publications publications = new Publications(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void readsBackAMessageAndItsNode() {
        Message message = new Message(311, 1, 2, "Salut « ça va ? » 🙂", Instant.parse("2026-11-25T04:43:02.004551Z"));
        MessagePublished read = (MessagePublished) publications.read(publications.message("node-a", message));
        assertEquals("node-a", read.node());
        assertEquals(message, read.message());
    }

    @Test
    void readsTheMessageThatPostgresqlBuildsInTheInsert() {
        String notified = "{\"node\" : \"n1\", \"kind\" : \"message\", \"id\" : 7, \"senderId\" : 1, \"receiverId\" : 2, "
                + "\"content\" : \"a\", \"sentAt\" : \"2026-11-27T10:04:00.201657+00:00\"}";
        MessagePublished read = (MessagePublished) publications.read(notified);
        assertEquals(new Message(7, 1, 2, "a", Instant.parse("2026-11-27T10:04:00.201657Z")), read.message());
    }

    @Test
    void aMessageTooLargeForNotifyComesAsItsIdsOnly() {
        MessagePublished read = (MessagePublished) publications.read(
                "{\"node\" : \"n1\", \"kind\" : \"message\", \"id\" : 8, \"senderId\" : 1, \"receiverId\" : 2}");
        assertNull(read.message());
        assertEquals(8, read.id());
        assertEquals(2, read.receiverId());
    }

    @Test
    void readsBackReceipts() {
        ReceiptEvent receipts = new ReceiptEvent("read", 2, 1, List.of(311L, 312L), Instant.parse("2026-11-25T04:44:00.000001Z"));
        ReceiptsPublished read = (ReceiptsPublished) publications.read(publications.receipts("node-b", receipts));
        assertEquals("node-b", read.node());
        assertEquals(receipts, read.receipts());
    }

    @Test
    void refusesAnythingElse() {
        assertThrows(IllegalArgumentException.class, () -> publications.read("{\"kind\":\"other\"}"));
        assertThrows(IllegalArgumentException.class, () -> publications.read("not json"));
        assertThrows(IllegalArgumentException.class, () -> publications.read("{\"kind\":\"message\"}"));
    }
}
