package info.zemus.messaging.push;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same pushes from the packaged jar: its REST clients, key file reading and JWT signing as shipped. */
@QuarkusIntegrationTest
class FcmPushIT extends FcmPushTest {
}
