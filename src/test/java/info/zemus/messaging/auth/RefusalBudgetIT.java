package info.zemus.messaging.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RefusalBudgetIT extends RefusalBudgetTest {
}
