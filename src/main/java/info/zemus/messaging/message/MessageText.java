package info.zemus.messaging.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.request.JsonBodies;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Reads the text of a send request, {@code {"message": "..."}}, and refuses what must not be stored.
 * We parse the body ourselves rather than let the framework bind it, so that every malformed body gets
 * our own 400 with a clear detail.
 */
@ApplicationScoped
public class MessageText {

    private final ObjectMapper mapper;
    private final int maxLength;
    private final int maxBodyBytes;

    public MessageText(ObjectMapper mapper, MessagesConfig config) {
        this.mapper = mapper;
        this.maxLength = config.maxLength();
        this.maxBodyBytes = config.maxBodyBytes();
    }

    /** The message text of a request body, or a 400/413 {@link ApiException}. */
    public String read(byte[] body) {
        JsonNode root = JsonBodies.object(mapper, body, maxBodyBytes, "{\"message\": \"...\"}");
        JsonNode message = root.get("message");
        if (message == null || message.isNull()) {
            throw new ApiException(ErrorCode.INVALID_BODY, "The field 'message' is required");
        }
        if (!message.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_BODY, "The field 'message' must be a string");
        }
        return validate(message.textValue());
    }

    /** Checks a message text: not blank, not too long, storable as PostgreSQL text. */
    public String validate(String text) {
        if (isBlank(text)) {
            throw new ApiException(ErrorCode.EMPTY_MESSAGE, "The message is empty");
        }
        // Cheap bound first: a string of n chars holds at most n code points.
        if (text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength) {
            throw new ApiException(ErrorCode.MESSAGE_TOO_LARGE, "The message is over " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                // PostgreSQL text cannot hold NUL: refuse it here rather than fail at insert.
                throw new ApiException(ErrorCode.INVALID_BODY, "The message contains a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ApiException(ErrorCode.INVALID_BODY, "The message contains an unpaired surrogate");
            }
        }
        return text;
    }

    // Wider than String.isBlank(): a message of no-break or zero-width spaces shows nothing either.
    private static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '\u200B' || c == '\u2060' || c == '\uFEFF');
    }
}
