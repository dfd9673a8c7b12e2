package info.zemus.messaging.delivery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ChurnIT extends ChurnTest {
}
