package info.zemus.messaging.push;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.FakeWebhookResource;
import info.zemus.messaging.testing.PushDeviceRows;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook provider against a fake gateway over real HTTP that verifies each signature, with
 * {@code content=preview} and previews of 10 code points.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
@WithTestResource(FakeWebhookResource.class)
class WebhookPushTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    @Test
    void postsASignedPushWithAPreviewCutOnCodePoints() {
        String token = PushDevices.token("ok-");
        String installation = PushDevices.register(bob, token);
        // 12 code points, the emoji are surrogate pairs: a cut by chars would split one.
        long id = Sender.send(alice, bob, "😀😀😀😀😀😀😀😀😀 end").getLong("id");

        List<JsonObject> received = await().atMost(WAIT).until(() -> FakeWebhookResource.received(token), r -> !r.isEmpty());
        assertEquals(1, received.size());
        assertTrue(received.get(0).getBoolean("verified"), "HMAC and timestamp check out");
        JsonObject body = received.get(0).getJsonObject("body");
        assertEquals("message", body.getString("type"));
        assertEquals(Long.toString(id), body.getString("messageId"));
        assertEquals(Long.toString(alice), body.getString("senderId"));
        assertEquals("😀😀😀😀😀😀😀😀😀\u2026", body.getString("preview"));
        assertEquals(installation, body.getJsonObject("device").getString("installationId"));
        assertEquals(token, body.getJsonObject("device").getString("token"));
    }

    @Test
    void deletesTheDeviceWhenTheGatewayAnswersGone() {
        String token = PushDevices.token("gone-");
        String installation = PushDevices.register(bob, token);
        Sender.send(alice, bob, "hello");
        await().atMost(WAIT).until(() -> PushDeviceRows.installation(installation) == null);
        assertEquals(1, FakeWebhookResource.received(token).size());
        assertTrue(FakeWebhookResource.received(token).get(0).getBoolean("verified"));
    }
}
