package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-process only: the packaged jar has the logging notifier, not this recording one. */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class PushWhenOfflineTest {

    @Inject
    RecordingPushNotifier push;

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    @Test
    void handsAMessageForAnOfflineRecipientToPush() {
        long id = Sender.send(alice, bob, "are you there?").getLong("id");
        assertTrue(push.pushedMessage(id));
    }

    @Test
    void doesNotPushWhenTheRecipientHasADeviceOpen() {
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            long id = Sender.send(alice, bob, "live").getLong("id");
            assertEquals(id, bobPhone.next().getLong("id"));
            assertFalse(push.pushedMessage(id));
        }
    }
}
