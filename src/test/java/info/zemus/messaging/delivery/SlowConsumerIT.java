package info.zemus.messaging.delivery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SlowConsumerIT extends SlowConsumerTest {
}
