package info.zemus.messaging.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;

import java.io.IOException;

/** Request bodies that must be one JSON object: the same refusals for every endpoint that takes one. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The body as a JSON object, or a 400 {@code invalid_body} / 413 {@code body_too_large}
     * {@link ApiException}; {@code shape} shows the expected object in the refusals.
     */
    public static JsonNode object(ObjectMapper mapper, byte[] body, int maxBodyBytes, String shape) {
        if (body == null || body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_BODY, "A JSON body " + shape + " is required");
        }
        if (body.length > maxBodyBytes) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "The body is over " + maxBodyBytes + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_BODY, "The body is not valid JSON");
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_BODY, "The body cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(ErrorCode.INVALID_BODY, "The body must be a JSON object " + shape);
        }
        return root;
    }
}
