package info.zemus.messaging.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import info.zemus.messaging.openapi.ApiDocument;
import info.zemus.messaging.request.Integers;
import info.zemus.messaging.request.JsonBodies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

/**
 * {@code POST /users/{id}/friends/{friendId}/read} with {@code {"upTo": <messageId>}}: the {@code read} frame for an
 * app that is not connected. User {@code {id}} has read everything {@code {friendId}} sent them up to that message:
 * the sender's devices get {@code read} receipts, the reader's devices an {@code unread} frame, and the answer says
 * what is left unread from that friend.
 */
@Path("/users/{id}/friends/{friendId}/read")
@Tag(name = "Messages")
public class ReadResource {

    /** What is left unread from the friend after this read, and in all. */
    public record Unread(long friendId, int unread, int total) {
    }

    private final TokenCheck tokenCheck;
    private final ReceiptRelay receipts;
    private final UserRateLimits limits;
    private final ObjectMapper mapper;
    private final int maxBodyBytes;

    public ReadResource(TokenCheck tokenCheck, ReceiptRelay receipts, UserRateLimits limits, ObjectMapper mapper,
                        MessagesConfig messages) {
        this.tokenCheck = tokenCheck;
        this.receipts = receipts;
        this.limits = limits;
        this.mapper = mapper;
        this.maxBodyBytes = messages.maxBodyBytes();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "readUpTo", summary = "User {id} has read what {friendId} sent them, up to a message",
            description = "Idempotent. `upTo` is a bound: only messages from {friendId} to {id} at or below it are marked. "
                    + "The sender's devices get `read` receipts, the reader's devices an `unread` frame.")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(responseCode = "200", description = "What is left unread from that friend",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Unread.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Unread> read(
            @Parameter(description = "The reader, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            @Parameter(description = "The sender of the messages read",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String friendId,
            // @Context, or the OpenAPI scanner takes it for the request body.
            @Context HttpServerRequest request,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "upTo",
                            properties = @SchemaProperty(name = "upTo", type = SchemaType.INTEGER, format = "int64",
                                    minimum = "1", description = "The newest message of {friendId} that {id} has seen")),
                    examples = @ExampleObject(name = "upTo", value = "{\"upTo\": 311}"))) byte[] body) {
        long readerId = Integers.userId("id", id);
        long senderId = Integers.userId("friendId", friendId);
        JsonNode upTo = JsonBodies.object(mapper, body, maxBodyBytes, "{\"upTo\": <messageId>}").get("upTo");
        if (upTo == null || !upTo.isIntegralNumber() || !upTo.canConvertToLong() || upTo.longValue() <= 0) {
            throw new ApiException(ErrorCode.INVALID_BODY, "'upTo' must be a positive integer message id");
        }
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        return tokenCheck.verify(readerId, token)
                .invoke(() -> limits.acquire(Budget.RECEIPT, readerId))
                .chain(() -> receipts.read(readerId, senderId, upTo.longValue()))
                .map(reads -> new Unread(senderId, reads.unread(), reads.total()));
    }
}
