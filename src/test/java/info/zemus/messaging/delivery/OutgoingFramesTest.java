package info.zemus.messaging.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.message.Delivery;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.SentMessage;
import info.zemus.messaging.message.UnreadCounts;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every frame the server sends, written through the same {@link OutgoingFrames} calls the sockets use. On the JVM Jackson
 * finds any record by reflection; in the native image only registered ones: the registration is checked here, so
 * that a new frame type cannot reach a native build unregistered (which left sockets without their ready frame).
 */
class OutgoingFramesTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final OutgoingFrames frames = new OutgoingFrames(mapper);
    private final Message message = new Message(7, 1, 2, "Salut « ça va ? » 🙂", Instant.parse("2026-12-03T09:00:00Z"));

    @Test
    void everyFrameRecordAndWhatItCarriesIsRegisteredForReflection() {
        RegisterForReflection registration = OutgoingFrames.class.getAnnotation(RegisterForReflection.class);
        assertNotNull(registration, "OutgoingFrames has no @RegisterForReflection: a native image cannot write its frames");
        Set<Class<?>> registered = Set.of(registration.targets());
        Set<Class<?>> needed = new HashSet<>();
        Deque<Class<?>> toVisit = new ArrayDeque<>(Arrays.stream(OutgoingFrames.class.getDeclaredClasses())
                .filter(Class::isRecord).toList());
        assertTrue(toVisit.size() >= 7, "the frame records were not found");
        while (!toVisit.isEmpty()) {
            Class<?> type = toVisit.pop();
            if (needed.add(type)) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Class<?> carried = component.getType();
                    if (carried.isRecord() && carried.getPackageName().startsWith("info.zemus")) {
                        toVisit.push(carried);
                    }
                }
            }
        }
        assertTrue(needed.contains(SentMessage.class) && needed.contains(Delivery.class), needed.toString());
        Set<Class<?>> missing = new HashSet<>(needed);
        missing.removeAll(registered);
        assertEquals(Set.of(), missing, "records written by OutgoingFrames but not in its @RegisterForReflection targets");
    }

    @Test
    void writesEveryFrameTypeWithItsFields() throws Exception {
        assertFrame(frames.ready(1, "c1"), "ready", "userId", "connectionId");
        assertFrame(frames.message(message), "message", "id", "senderId", "receiverId", "content", "sentAt");
        assertFalse(mapper.readTree(frames.message(message)).has("unread"), "no counts for the sender's devices");
        assertFrame(frames.messageToRecipient(message, new UnreadCounts(2, 5)), "message", "id", "content", "unread",
                "total");
        assertFalse(mapper.readTree(frames.messageToRecipient(message, null)).has("total"), "counts not known");
        assertFrame(frames.presence(new PresenceEvent(4, false, message.sentAt(), 3)), "presence", "userId", "state",
                "lastSeen");
        assertFalse(mapper.readTree(frames.presence(new PresenceEvent(4, true, message.sentAt(), 4))).has("lastSeen"),
                "online: no last seen");
        assertFrame(frames.ack("k", new SentMessage(7, 1, 2, "a", message.sentAt(), new Delivery(2, false))),
                "ack", "key", "message");
        assertFrame(frames.error("k", ErrorCode.INVALID_FRAME, "bad"), "error", "key", "code", "status", "detail");
        assertFrame(frames.error(null, ErrorCode.RATE_LIMITED, "slow down", 3L), "error", "code", "retryAfter");
        assertFrame(frames.receipt("read", 2, List.of(7L, 8L), message.sentAt()), "receipt", "status", "by", "ids", "at");
        assertFrame(frames.truncated(3, 9), "truncated", "since", "before");
        assertFrame(frames.recovered(3, 4), "recovered", "since", "count");
        assertFrame(frames.unread(1, 0, 3), "unread", "friendId", "unread", "total");
        assertFrame(frames.unreadTotal(3), "unread", "total");
        assertFrame(frames.typing(1, true, 6), "typing", "from", "state", "expiresIn");
        assertEquals("stop", mapper.readTree(frames.typing(1, false, 6)).path("state").asText());
        JsonNode ack = mapper.readTree(frames.ack("k", new SentMessage(7, 1, 2, "a", message.sentAt(), new Delivery(2, true))));
        assertEquals(2, ack.path("message").path("delivery").path("devices").asInt());
        assertEquals("Salut « ça va ? » 🙂", mapper.readTree(frames.message(message)).path("content").asText());
    }

    @Test
    void aFrameThatCannotBeWrittenFailsLoudly() {
        // Without the java.time module Jackson cannot write an Instant: the same failure as an unregistered record.
        OutgoingFrames broken = new OutgoingFrames(new ObjectMapper());
        assertThrows(UncheckedIOException.class, () -> broken.message(message));
    }

    private void assertFrame(String frame, String type, String... fields) throws Exception {
        JsonNode json = mapper.readTree(frame);
        assertEquals(type, json.path("type").asText(), frame);
        for (String field : fields) {
            assertTrue(json.hasNonNull(field), field + " missing in " + frame);
        }
    }
}
