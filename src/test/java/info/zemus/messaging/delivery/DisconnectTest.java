package info.zemus.messaging.delivery;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way the service closes a socket fits in a close frame and is in the protocol's table of close codes. */
class DisconnectTest {

    @Test
    void everyCloseCodeIsDocumentedForClients() throws IOException {
        String protocol = Files.readString(Path.of("docs/PROTOCOL.md"));
        for (Disconnect disconnect : Disconnect.values()) {
            assertTrue(protocol.contains("\n| " + disconnect.code() + " | "), disconnect + " is not in PROTOCOL.md");
        }
    }

    @Test
    void reasonsFitInACloseFrame() {
        for (Disconnect disconnect : Disconnect.values()) {
            // RFC 6455: a control frame's payload is at most 125 bytes, 2 of them the code.
            assertTrue(disconnect.reason().getBytes(StandardCharsets.UTF_8).length <= 123, disconnect.name());
        }
    }

    @Test
    void oneCodeOneMeaningForTheClient() {
        // Several situations may share a code (4002) only when the client does the same for each.
        for (int code : Arrays.stream(Disconnect.values()).mapToInt(Disconnect::code).distinct().toArray()) {
            Set<Disconnect.Then> then = Arrays.stream(Disconnect.values()).filter(d -> d.code() == code)
                    .map(Disconnect::then).collect(Collectors.toSet());
            assertEquals(1, then.size(), "code " + code + " asks for " + then);
        }
    }
}
