package info.zemus.messaging.delivery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ReceiptsIT extends ReceiptsTest {
}
