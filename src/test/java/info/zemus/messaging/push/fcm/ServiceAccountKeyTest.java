package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad key file must stop the node at start with a message that names the file and the field, and no
 * message (nor the key's toString) may carry key material.
 */
class ServiceAccountKeyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void readsAGoogleShapedKey() throws Exception {
        String pem = pem("RSA");
        ServiceAccountKey key = ServiceAccountKey.read(write(valid(pem)), MAPPER);
        assertEquals("zemus-test", key.projectId());
        assertEquals("push@zemus-test.iam.gserviceaccount.com", key.clientEmail());
        assertEquals(ServiceAccountKey.GOOGLE_TOKEN_URI, key.tokenUri(), "no token_uri: Google's");
        assertFalse(key.toString().contains(pem.substring(40, 80)), "toString hides the key");
    }

    @Test
    void refusesAMissingFile() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ServiceAccountKey.read(dir.resolve("absent.json"), MAPPER));
        assertTrue(refused.getMessage().contains("absent.json"), refused.getMessage());
    }

    @Test
    void refusesAnotherKindOfCredentials() throws Exception {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ServiceAccountKey.read(write(valid(pem("RSA")).put("type", "authorized_user")), MAPPER));
        assertTrue(refused.getMessage().contains("service_account"), refused.getMessage());
    }

    @Test
    void namesAMissingFieldWithoutShowingTheOthers() throws Exception {
        JsonObject json = valid(pem("RSA"));
        json.remove("client_email");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ServiceAccountKey.read(write(json), MAPPER));
        assertTrue(refused.getMessage().endsWith("has no client_email"), refused.getMessage());
    }

    @Test
    void refusesAKeyThatIsNotRsaWithoutQuotingIt() throws Exception {
        String ec = pem("EC");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ServiceAccountKey.read(write(valid(ec)), MAPPER));
        assertTrue(refused.getMessage().contains("not an RSA key"), refused.getMessage());
        assertFalse(refused.getMessage().contains(ec.substring(40, 80)), "the message quotes no key material");
    }

    private static JsonObject valid(String pem) {
        return new JsonObject().put("type", "service_account").put("project_id", "zemus-test")
                .put("private_key_id", "abc123").put("private_key", pem)
                .put("client_email", "push@zemus-test.iam.gserviceaccount.com");
    }

    private Path write(JsonObject json) throws IOException {
        Path file = Files.createTempFile(dir, "key", ".json");
        Files.writeString(file, json.encodePrettily());
        return file;
    }

    private static String pem(String algorithm) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }
}
