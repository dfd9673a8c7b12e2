package info.zemus.messaging.message;

import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.openapi.ApiDocument;
import info.zemus.messaging.request.Integers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * {@code POST /users/{id}/friends/{friendId}/message}: store a message, answer 201 with it, then
 * deliver it; a retry with the same {@code Idempotency-Key} answers 200 with the stored message. Cheap
 * checks run first (ids, headers, body) so that bad requests never cost a call to the main API or the
 * database.
 */
@Path("/users/{id}/friends/{friendId}/message")
@Tag(name = "Messages")
public class MessageResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final MessageText text;
    private final MessageSender sender;

    public MessageResource(MessageText text, MessageSender sender) {
        this.text = text;
        this.sender = sender;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessage", summary = "User {id} sends a message to user {friendId}",
            description = "Stores the message, answers it, then delivers it to every open WebSocket of both users "
                    + "(or to push when the recipient has none). Unless the friendship check is off, the users "
                    + "must be friends.")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER,
            description = "Makes a retry safe: a send with a key this sender already used answers 200 with the "
                    + "message stored the first time, and stores and delivers nothing new",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{1,64}$"))
    @APIResponse(responseCode = "201", description = "Stored; `delivery` says how many devices of the recipient got "
            + "it, or that it went to push",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SentMessage.class)))
    @APIResponse(responseCode = "200", description = "A retry with a used Idempotency-Key: the message stored the "
            + "first time, without `delivery`",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SentMessage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<RestResponse<SentMessage>> send(
            @Parameter(description = "The sender, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            @Parameter(description = "The recipient",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String friendId,
            // @Context, or the OpenAPI scanner takes it for the request body.
            @Context HttpServerRequest request,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "message",
                            properties = @SchemaProperty(name = "message", type = SchemaType.STRING, minLength = 1,
                                    description = "The text: not only whitespace, at most ZEMUS_MESSAGES_MAX_LENGTH "
                                            + "(4096) characters, no NUL")),
                    examples = @ExampleObject(name = "message", value = "{\"message\": \"Salut !\"}"))) byte[] body) {
        long senderId = Integers.userId("id", id);
        long receiverId = Integers.userId("friendId", friendId);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        // Read from Vert.x: an empty header must be refused, not taken for an absent one.
        List<String> keys = request.headers().getAll(IDEMPOTENCY_KEY);
        if (keys.size() > 1) {
            throw new ApiException(ErrorCode.INVALID_IDEMPOTENCY_KEY, "Only one Idempotency-Key header is allowed");
        }
        String key = IdempotencyKeys.validate(keys.isEmpty() ? null : keys.get(0));
        String content = text.read(body);
        return sender.send(senderId, receiverId, content, key, token)
                .map(outcome -> RestResponse.status(
                        outcome.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, outcome.message()));
    }
}
