package info.zemus.messaging.push.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs a webhook body: {@code X-Zemus-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>},
 * with {@code X-Zemus-Timestamp} in Unix seconds. The timestamp is inside the signature, so a receiver that
 * refuses old timestamps (say, over 5 minutes) cannot be fed a replayed request.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Zemus-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Zemus-Signature";
    static final String VERSION = "v1=";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature header's value for this timestamp and body. */
    public String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return VERSION + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret ***]";
    }
}
