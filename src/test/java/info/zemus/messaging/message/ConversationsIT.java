package info.zemus.messaging.message;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ConversationsIT extends ConversationsTest {
}
