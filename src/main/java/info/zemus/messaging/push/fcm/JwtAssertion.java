package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed JWT (RS256, RFC 7523) that a service account trades for an OAuth2 access token, made with the
 * JDK's {@link Signature} alone: no Google library, nothing to register for a native image.
 */
final class JwtAssertion {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    /** Google's tokens live an hour; the assertion asks for that. */
    static final long LIFETIME_SECONDS = 3600;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtAssertion() {
    }

    static String sign(ServiceAccountKey key, Instant now, ObjectMapper mapper) {
        ObjectNode header = mapper.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (!key.privateKeyId().isEmpty()) {
            header.put("kid", key.privateKeyId());
        }
        long issuedAt = now.getEpochSecond();
        ObjectNode claims = mapper.createObjectNode()
                .put("iss", key.clientEmail())
                .put("scope", SCOPE)
                .put("aud", key.tokenUri().toString())
                .put("iat", issuedAt)
                .put("exp", issuedAt + LIFETIME_SECONDS);
        String signingInput = encode(header.toString()) + "." + encode(claims.toString());
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the FCM token request: " + e.getClass().getSimpleName());
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
