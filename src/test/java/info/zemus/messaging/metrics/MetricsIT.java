package info.zemus.messaging.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class MetricsIT extends MetricsTest {
}
