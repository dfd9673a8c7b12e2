package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApi.Mode;
import info.zemus.messaging.testing.FakeMainApiControl;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Tokens of open connections are checked again every second here (10 minutes by default). */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class,
        initArgs = @ResourceArg(name = FakeMainApiResource.TOKEN_RECHECK_ARG, value = "fast"))
class TokenRecheckTest {

    @Test
    void closesAConnectionWhoseTokenWasRevokedWith1008() {
        long bob = Users.fresh();
        long carol = Users.fresh();
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob));
             WsDevice carolPhone = WsDevice.connect(carol, Users.token(carol))) {
            FakeMainApiControl.revoke(bob);
            await().atMost(Duration.ofSeconds(15)).until(() -> bobPhone.closeCode() != null);
            assertEquals(Disconnect.TOKEN_NO_LONGER_VALID.code(), bobPhone.closeCode());
            // Carol's token is still good: her connection lived through the same rounds.
            long id = Sender.send(Users.fresh(), carol, "still here").getLong("id");
            assertEquals(id, carolPhone.next("message").getLong("id"));
            assertNull(carolPhone.closeCode());
        }
    }

    @Test
    void keepsConnectionsOpenWhileTheMainApiCannotAnswer() {
        long bob = Users.fresh();
        try (WsDevice bobPhone = WsDevice.connect(bob, Users.token(bob))) {
            int before = FakeMainApiControl.authCalls();
            FakeMainApiControl.during(Mode.ERROR, () ->
                    // A few recheck rounds fail while the main API answers 500.
                    await().atMost(Duration.ofSeconds(15)).until(() -> FakeMainApiControl.authCalls() >= before + 2));
            long id = Sender.send(Users.fresh(), bob, "after the outage").getLong("id");
            assertEquals(id, bobPhone.next("message").getLong("id"));
            assertNull(bobPhone.closeCode());
        }
    }
}
