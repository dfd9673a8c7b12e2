package info.zemus.messaging.broker;

import info.zemus.messaging.config.BrokerConfig;
import info.zemus.messaging.lifecycle.Refusal;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The signature on everything nodes publish to each other: {@code <64 hex digits of HMAC-SHA256(secret, json)> <json>},
 * with the secret the nodes share ({@code zemus.broker.secret}). A node delivers nothing it cannot verify: without
 * it, any role that can {@code NOTIFY} on the database, or any client that can publish on the NATS subjects, could
 * show made-up messages on users' sockets and, with a large id, make their devices skip real ones on recovery.
 *
 * <p>PostgreSQL signs the messages it announces in the INSERT that stores them (message.MessageRepository), with
 * its built-in {@code sha256} and the two padded keys of HMAC (RFC 2104) computed here: no extension needed.
 * A replayed genuine publication is possible and harmless (devices drop an id they already have).
 */
@Singleton
public class PublicationSeal {

    /** Hex digits of the signature, and the space after them. */
    static final int LENGTH = 65;
    /** Fewer characters than this would be guessable; {@code openssl rand -hex 32} gives 64. */
    static final int MIN_SECRET_LENGTH = 32;
    private static final int BLOCK = 64;

    private final SecretKeySpec key;
    private final byte[] innerPad;
    private final byte[] outerPad;

    @Inject
    public PublicationSeal(BrokerConfig config) {
        this(config.type() == BrokerConfig.Type.LOCAL ? config.secret().orElse(null) : required(config));
    }

    PublicationSeal(String secret) {
        if (secret == null) { // one node: nothing is published, nothing to sign
            key = null;
            innerPad = outerPad = null;
            return;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        key = new SecretKeySpec(bytes, "HmacSHA256");
        byte[] block = Arrays.copyOf(bytes.length > BLOCK ? sha256(bytes) : bytes, BLOCK);
        innerPad = new byte[BLOCK];
        outerPad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            innerPad[i] = (byte) (block[i] ^ 0x36);
            outerPad[i] = (byte) (block[i] ^ 0x5c);
        }
    }

    private static String required(BrokerConfig config) {
        String secret = config.secret().orElse("");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw Refusal.toStart("zemus.broker.secret (ZEMUS_BROKER_SECRET) must be set, to at least "
                    + MIN_SECRET_LENGTH + " characters and the same on every node, when zemus.broker.type is "
                    + config.type().name().toLowerCase() + ": nodes sign what they publish with it (openssl rand -hex 32)");
        }
        return secret;
    }

    /** The payload to publish: the signature, a space, the JSON. */
    public byte[] seal(byte[] json) {
        byte[] sealed = new byte[LENGTH + json.length];
        byte[] signature = HexFormat.of().formatHex(mac(json, 0, json.length)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(signature, 0, sealed, 0, LENGTH - 1);
        sealed[LENGTH - 1] = ' ';
        System.arraycopy(json, 0, sealed, LENGTH, json.length);
        return sealed;
    }

    /** The JSON of a payload whose signature holds; {@link IllegalArgumentException} for any other payload. */
    public byte[] open(byte[] payload) {
        if (payload.length <= LENGTH || payload[LENGTH - 1] != ' ') {
            throw new IllegalArgumentException("unsigned publication");
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(new String(payload, 0, LENGTH - 1, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsigned publication");
        }
        if (!MessageDigest.isEqual(claimed, mac(payload, LENGTH, payload.length - LENGTH))) {
            throw new IllegalArgumentException("publication with a wrong signature");
        }
        return Arrays.copyOfRange(payload, LENGTH, payload.length);
    }

    /**
     * The SQL expression of a sealed payload, for PostgreSQL to sign what it notifies: {@code json} is a text
     * expression, {@code innerPad} and {@code outerPad} the parameters that carry {@link #innerPad()} and
     * {@link #outerPad()}.
     */
    public static String sealInSql(String json, String innerPad, String outerPad) {
        return "encode(sha256(%3$s::bytea || sha256(%2$s::bytea || convert_to(%1$s, 'UTF8'))), 'hex') || ' ' || %1$s"
                .formatted(json, innerPad, outerPad);
    }

    /** HMAC's key XOR ipad, for {@code sha256(outerPad || sha256(innerPad || json))} in SQL. */
    public byte[] innerPad() {
        return innerPad.clone();
    }

    /** HMAC's key XOR opad. */
    public byte[] outerPad() {
        return outerPad.clone();
    }

    private byte[] mac(byte[] bytes, int offset, int length) {
        if (key == null) {
            throw new IllegalStateException("no zemus.broker.secret: this node does not publish");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(bytes, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "PublicationSeal[secret ***]";
    }
}
