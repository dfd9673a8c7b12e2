package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.RawUpgrade;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that stops answering pings is closed with 4000; one that answers stays. The silent peer is a
 * hand-written WebSocket client on a raw socket, since real clients answer pings by themselves.
 */
@QuarkusTest
@TestProfile(KeepAliveTest.FastPings.class)
@WithTestResource(FakeMainApiResource.class)
class KeepAliveTest {

    public static class FastPings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zemus.ws.ping-interval", "300ms");
        }
    }

    @Test
    void closesAPeerThatStoppedAnsweringAndKeepsOneThatAnswers() throws IOException {
        long bob = Users.fresh();
        try (WsDevice answering = WsDevice.connect(bob, Users.token(bob));
             Socket silent = RawUpgrade.open(bob)) {
            DataInputStream in = new DataInputStream(silent.getInputStream());
            assertTrue(RawUpgrade.readHeaders(in).startsWith("HTTP/1.1 101"));

            boolean pinged = false;
            int closeCode = -1;
            while (closeCode < 0) {
                int opcode = in.readUnsignedByte() & 0x0F;
                int length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                }
                byte[] payload = in.readNBytes(length);
                if (opcode == 0x9) {
                    pinged = true; // deliberately never answered
                } else if (opcode == 0x8) {
                    closeCode = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                }
            }
            assertTrue(pinged, "the server pinged before giving up");
            assertEquals(Disconnect.KEEPALIVE_TIMEOUT.code(), closeCode);

            // The answering device lived through the same intervals and still receives.
            long id = Sender.send(Users.fresh(), bob, "still here?").getLong("id");
            assertEquals(id, answering.next().getLong("id"));
            assertEquals(null, answering.closeCode());
        }
    }
}
