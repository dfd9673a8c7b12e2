package info.zemus.messaging.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class MainApiFaultsIT extends MainApiFaultsTest {
}
