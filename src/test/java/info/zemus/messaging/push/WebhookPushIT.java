package info.zemus.messaging.push;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class WebhookPushIT extends WebhookPushTest {
}
