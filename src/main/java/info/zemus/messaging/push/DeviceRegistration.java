package info.zemus.messaging.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.request.JsonBodies;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code PUT /users/{id}/devices/{installationId}} asks for, checked field by field. We parse the
 * body ourselves (as for a message) so that every bad body gets our own 400 naming the field; unknown
 * fields are ignored, so that a newer app (e.g. one sending {@code "provider"}) still registers.
 */
public record DeviceRegistration(String platform, String token, String tokenType, String locale) {

    /** Longest push token accepted; FCM tokens are ~160 characters, APNs ones 64. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    public static final Set<String> PLATFORMS = Set.of("android", "ios", "web");
    public static final Set<String> TOKEN_TYPES = Set.of("registration", "fid");
    public static final String DEFAULT_TOKEN_TYPE = "registration";

    /** Same rule as the CHECK of push_device.installation_id: path-safe, no dots (no "." or ".." segments). */
    private static final Pattern INSTALLATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    // BCP 47-ish: a language, then subtags ("fr", "pt-BR", "zh-Hant-TW"); at most 35 characters.
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}");
    private static final int MAX_LOCALE_LENGTH = 35;

    /** Checks an installation id from the path, or fails with 400 {@code invalid_device}. */
    public static String installationId(String raw) {
        if (raw == null || !INSTALLATION_ID.matcher(raw).matches()) {
            throw invalid("installationId", "must be 1 to 128 characters of [A-Za-z0-9_-]");
        }
        return raw;
    }

    /** Reads a request body, or fails with 400 ({@code invalid_body}, {@code invalid_device}) or 413. */
    public static DeviceRegistration read(ObjectMapper mapper, byte[] body, int maxBodyBytes) {
        JsonNode root = JsonBodies.object(mapper, body, maxBodyBytes,
                "{\"token\": \"...\", \"platform\": \"android|ios|web\"}");
        String platform = string(root, "platform", true);
        if (!PLATFORMS.contains(platform)) {
            throw invalid("platform", "must be one of android, ios, web");
        }
        String token = string(root, "token", true);
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !isVisibleAscii(token)) {
            throw invalid("token", "must be 1 to " + MAX_TOKEN_LENGTH + " visible ASCII characters, without spaces");
        }
        String tokenType = string(root, "tokenType", false);
        if (tokenType == null) {
            tokenType = DEFAULT_TOKEN_TYPE;
        } else if (!TOKEN_TYPES.contains(tokenType)) {
            throw invalid("tokenType", "must be registration or fid");
        }
        String locale = string(root, "locale", false);
        if (locale != null && (locale.length() > MAX_LOCALE_LENGTH || !LOCALE.matcher(locale).matches())) {
            throw invalid("locale", "must be a BCP 47 language tag such as fr or pt-BR");
        }
        return new DeviceRegistration(platform, token, tokenType, locale);
    }

    private static String string(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return node.textValue();
    }

    // FCM, APNs and web push tokens are all made of these; anything else is a client bug or an attack.
    private static boolean isVisibleAscii(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static ApiException invalid(String field, String rule) {
        return new ApiException(ErrorCode.INVALID_DEVICE, "'" + field + "' " + rule);
    }

    @Override
    public String toString() {
        return "DeviceRegistration[" + platform + ", " + tokenType + ", " + locale + ", token ***]";
    }
}
