package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The parts of a Google service-account key file (JSON, from the Firebase console) that FCM needs: who we
 * are, the RSA key that signs our token requests, and where to send them ({@code token_uri}). The key is
 * read once at start; {@link #toString()} never shows it.
 */
public record ServiceAccountKey(String projectId, String clientEmail, String privateKeyId, PrivateKey privateKey,
                                URI tokenUri) {

    /** Google's token endpoint, for key files without a {@code token_uri}. */
    static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

    /** Reads and checks a key file; the message of a failure names the field, never its value. */
    public static ServiceAccountKey read(Path file, ObjectMapper mapper) {
        JsonNode json;
        try {
            json = mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the FCM service-account key " + file + ": " + e.getClass().getSimpleName());
        }
        if (json == null || !"service_account".equals(json.path("type").asText())) {
            throw new IllegalStateException("The FCM key " + file + " is not a service-account key (\"type\": \"service_account\")");
        }
        String tokenUri = json.path("token_uri").asText("");
        return new ServiceAccountKey(required(json, "project_id", file), required(json, "client_email", file),
                json.path("private_key_id").asText(""), privateKey(required(json, "private_key", file), file),
                tokenUri.isEmpty() ? GOOGLE_TOKEN_URI : URI.create(tokenUri));
    }

    private static String required(JsonNode json, String field, Path file) {
        String value = json.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalStateException("The FCM key " + file + " has no " + field);
        }
        return value;
    }

    // PKCS#8 PEM, as Google writes it: "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n".
    private static PrivateKey privateKey(String pem, Path file) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The private_key of the FCM key " + file + " is not an RSA key in PKCS#8 PEM");
        }
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + projectId + ", " + clientEmail + ", key ***]";
    }
}
