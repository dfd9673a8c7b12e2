package info.zemus.messaging.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class AuthorizationForwardingIT extends AuthorizationForwardingTest {
}
