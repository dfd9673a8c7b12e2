package info.zemus.messaging.message;

import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import info.zemus.messaging.openapi.ApiDocument;
import info.zemus.messaging.request.Integers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /users/{id}/unread}: the user's unread total (an app's icon badge), kept with every store and read. */
@Path("/users/{id}/unread")
@Tag(name = "Messages")
public class UnreadResource {

    /** The friends' messages user {@code {id}} has not read, in all conversations. */
    public record Total(int total) {
    }

    private final TokenCheck tokenCheck;
    private final ReceiptRepository receipts;
    private final UserRateLimits limits;

    public UnreadResource(TokenCheck tokenCheck, ReceiptRepository receipts, UserRateLimits limits) {
        this.tokenCheck = tokenCheck;
        this.receipts = receipts;
        this.limits = limits;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "unreadTotal", summary = "The unread total of user {id}",
            description = "The messages of friends that {id} has not read, in all conversations (`read` lowers it).")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(responseCode = "200", description = "The total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Total.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Total> total(
            @Parameter(description = "The user, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            // @Context, or the OpenAPI scanner takes it for the request body.
            @Context HttpServerRequest request) {
        long userId = Integers.userId("id", id);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        return tokenCheck.verify(userId, token)
                .invoke(() -> limits.acquire(Budget.READ, userId))
                .chain(() -> receipts.unreadTotal(userId))
                .map(Total::new);
    }
}
