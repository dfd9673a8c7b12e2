package info.zemus.messaging.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import info.zemus.messaging.delivery.PresenceEvent;
import info.zemus.messaging.delivery.ReceiptEvent;
import info.zemus.messaging.delivery.TypingEvent;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.UnreadCounts;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON that nodes publish to each other (the same for both brokers; PostgreSQL builds the message form
 * itself, in the INSERT that stores it):
 * <pre>
 * {"node":"a1b2c3d4","kind":"message","id":311,"senderId":1,"receiverId":2,"content":"Salut !","sentAt":"...",
 *  "unread":3,"total":7}
 * {"node":"a1b2c3d4","kind":"message","id":312,"senderId":1,"receiverId":2,"unread":4,"total":8} (too large: re-read)
 * {"node":"a1b2c3d4","kind":"receipt","status":"read","by":2,"senderId":1,"ids":[311],"at":"...","unread":0,"total":4}
 * {"node":"a1b2c3d4","kind":"typing","from":1,"to":2,"typing":true}
 * {"node":"a1b2c3d4","kind":"presence","userId":1,"online":false,"lastSeen":"...","version":12}
 * </pre>
 * each after its signature ({@link PublicationSeal}). A message's {@code unread} and {@code total} are its recipient's
 * counts right after it (absent when not known: a retry's second delivery).
 */
@Singleton
public class Publications {

    /** What another node published. */
    public sealed interface Publication permits MessagePublished, ReceiptsPublished, TypingPublished,
            PresencePublished {
        String node();
    }

    /**
     * A stored message; {@code message} is null when it was too large to travel and must be re-read. {@code unread}:
     * the recipient's counts right after it, or null.
     */
    public record MessagePublished(String node, long id, long senderId, long receiverId, Message message,
                                   UnreadCounts unread)
            implements Publication {
    }

    public record ReceiptsPublished(String node, ReceiptEvent receipts) implements Publication {
    }

    public record TypingPublished(String node, TypingEvent typing) implements Publication {
    }

    public record PresencePublished(String node, PresenceEvent presence) implements Publication {
    }

    private final ObjectMapper mapper;
    private final PublicationSeal seal;

    public Publications(ObjectMapper mapper, PublicationSeal seal) {
        this.mapper = mapper;
        this.seal = seal;
    }

    public byte[] message(String node, Message message, UnreadCounts unread) {
        ObjectNode json = mapper.createObjectNode().put("node", node).put("kind", "message")
                .put("id", message.id()).put("senderId", message.senderId()).put("receiverId", message.receiverId())
                .put("content", message.content()).put("sentAt", message.sentAt().toString());
        if (unread != null) {
            json.put("unread", unread.unread()).put("total", unread.total());
        }
        return bytes(json);
    }

    public byte[] receipts(String node, ReceiptEvent receipts) {
        ObjectNode json = mapper.createObjectNode().put("node", node).put("kind", "receipt")
                .put("status", receipts.status()).put("by", receipts.by()).put("senderId", receipts.senderId())
                .put("at", receipts.at().toString());
        receipts.ids().forEach(json.putArray("ids")::add);
        if (receipts.unread() != null) {
            json.put("unread", receipts.unread());
        }
        if (receipts.total() != null) {
            json.put("total", receipts.total());
        }
        return bytes(json);
    }

    public byte[] typing(String node, TypingEvent typing) {
        return bytes(mapper.createObjectNode().put("node", node).put("kind", "typing").put("from", typing.from())
                .put("to", typing.to()).put("typing", typing.typing()));
    }

    public byte[] presence(String node, PresenceEvent presence) {
        ObjectNode json = mapper.createObjectNode().put("node", node).put("kind", "presence")
                .put("userId", presence.userId()).put("online", presence.online()).put("version", presence.version());
        if (presence.lastSeen() != null) {
            json.put("lastSeen", presence.lastSeen().toString());
        }
        return bytes(json);
    }

    /** Decodes a signed publication; throws {@link IllegalArgumentException} on anything else. */
    public Publication read(byte[] payload) {
        byte[] verified = seal.open(payload);
        try {
            JsonNode json = mapper.readTree(verified);
            String node = json.path("node").asText();
            switch (json.path("kind").asText()) {
                case "message" -> {
                    long id = json.get("id").asLong();
                    long senderId = json.get("senderId").asLong();
                    long receiverId = json.get("receiverId").asLong();
                    JsonNode content = json.get("content");
                    Message message = content == null ? null
                            : new Message(id, senderId, receiverId, content.asText(), instant(json.get("sentAt").asText()));
                    JsonNode unread = json.get("unread");
                    JsonNode total = json.get("total");
                    UnreadCounts counts = unread == null || total == null ? null
                            : new UnreadCounts(unread.asInt(), total.asInt());
                    return new MessagePublished(node, id, senderId, receiverId, message, counts);
                }
                case "receipt" -> {
                    List<Long> ids = new ArrayList<>();
                    json.get("ids").forEach(id -> ids.add(id.asLong()));
                    JsonNode unread = json.get("unread");
                    JsonNode total = json.get("total");
                    return new ReceiptsPublished(node, new ReceiptEvent(json.get("status").asText(),
                            json.get("by").asLong(), json.get("senderId").asLong(), ids, instant(json.get("at").asText()),
                            unread == null ? null : unread.asInt(), total == null ? null : total.asInt()));
                }
                case "typing" -> {
                    return new TypingPublished(node, new TypingEvent(json.get("from").asLong(), json.get("to").asLong(),
                            json.get("typing").asBoolean()));
                }
                case "presence" -> {
                    JsonNode lastSeen = json.get("lastSeen");
                    return new PresencePublished(node, new PresenceEvent(json.get("userId").asLong(),
                            json.get("online").asBoolean(), lastSeen == null ? null : instant(lastSeen.asText()),
                            json.get("version").asLong()));
                }
                default -> throw new IllegalArgumentException("unknown publication kind");
            }
        } catch (IOException | NullPointerException | DateTimeException e) {
            throw new IllegalArgumentException("malformed publication", e);
        }
    }

    public Publication read(String payload) {
        return read(payload.getBytes(StandardCharsets.UTF_8));
    }

    // PostgreSQL writes timestamptz with an offset (+00:00), Java with Z: both parse as an offset date-time.
    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private byte[] bytes(ObjectNode json) {
        try {
            return seal.seal(mapper.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
