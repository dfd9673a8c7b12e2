package info.zemus.messaging.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a {@link FakeFcm} and points the service at it: a fresh RSA key in a service-account key file
 * (mode 0600, as in production) whose {@code token_uri} is the fake's, the FCM base URL, and short timeouts
 * so that every outcome shows within seconds. Use it beside {@link FakeMainApiResource}.
 */
public class FakeFcmResource implements QuarkusTestResourceLifecycleManager {

    /** System property holding the fake's URL, readable from any class loader of the test JVM. */
    public static final String URL_PROPERTY = "zemus.test.fake-fcm.url";
    static final String CLIENT_EMAIL = "zemus-push@zemus-test.iam.gserviceaccount.com";

    private FakeFcm fake;
    private Path keyFile;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            fake = FakeFcm.start(pair.getPublic());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            keyFile = Files.createTempFile("zemus-fcm-key", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, new JsonObject()
                    .put("type", "service_account")
                    .put("project_id", "zemus-test")
                    .put("private_key_id", "0123456789abcdef")
                    .put("private_key", pem)
                    .put("client_email", CLIENT_EMAIL)
                    .put("client_id", "1234567890")
                    .put("token_uri", fake.url() + "/token")
                    .encodePrettily());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty(URL_PROPERTY, fake.url());
        Map<String, String> config = new HashMap<>();
        config.put("zemus.push.provider", "fcm");
        config.put("zemus.push.fcm.credentials-file", keyFile.toString());
        config.put("zemus.push.fcm.base-url", fake.url());
        config.put("zemus.push.ack-timeout", "1s");
        // Long enough that a burst is surely collapsed; each test uses fresh users, so conversations never meet.
        config.put("zemus.push.collapse-interval", "1m");
        // Short, so that a push to a device whose FCM stays down is given up within the test.
        config.put("zemus.push.ttl", "5s");
        config.put("zemus.push.send-timeout", "1s");
        config.put("zemus.push.retry.initial-backoff", "100ms");
        config.put("zemus.push.retry.max-backoff", "400ms");
        return config;
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
        }
        try {
            if (keyFile != null) {
                Files.deleteIfExists(keyFile);
            }
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
