package info.zemus.messaging.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.FixedLimits;
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
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * {@code GET /users/{id}/friends/{friendId}/messages?before=&limit=}: the conversation of two users,
 * newest first, a page at a time. {@code nextBefore} is the cursor of the next (older) page, there whenever
 * the page is full (a full last page has it; the next page is then empty). The token must be {@code {id}}'s; no
 * friendship is required to read one's own past.
 */
@Path("/users/{id}/friends/{friendId}/messages")
@Tag(name = "Messages")
public class HistoryResource {

    /** One page of history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<Message> messages, Long nextBefore) {
    }

    private final TokenCheck tokenCheck;
    private final MessageRepository repository;
    private final UserRateLimits limits;

    public HistoryResource(TokenCheck tokenCheck, MessageRepository repository, UserRateLimits limits) {
        this.limits = limits;
        this.tokenCheck = tokenCheck;
        this.repository = repository;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "conversationHistory", summary = "The conversation of users {id} and {friendId}, newest first",
            description = "A page at a time: pass `nextBefore` as `before` for the next (older) page. It is there "
                    + "whenever the page is full, so a full last page has it and the next page is empty. No friendship "
                    + "is required.")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(responseCode = "200", description = "One page of messages, with their receipts when set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Page> page(
            @Parameter(description = "The reader, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            @Parameter(description = "The other user",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String friendId,
            @Parameter(description = "Only messages with a smaller id (the `nextBefore` of the previous page)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestQuery String before,
            @Parameter(description = "Messages per page",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + FixedLimits.HISTORY_PAGE_MAX,
                            defaultValue = "" + FixedLimits.HISTORY_PAGE_DEFAULT)) @RestQuery String limit,
            // @Context, or the OpenAPI scanner takes it for the request body.
            @Context HttpServerRequest request) {
        long userId = Integers.userId("id", id);
        long otherId = Integers.userId("friendId", friendId);
        long beforeId = before == null ? Long.MAX_VALUE : Integers.inRange("before", before, 1, Long.MAX_VALUE);
        int size = limit == null ? FixedLimits.HISTORY_PAGE_DEFAULT : (int) Integers.inRange("limit", limit, 1, FixedLimits.HISTORY_PAGE_MAX);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        return tokenCheck.verify(userId, token)
                .invoke(() -> limits.acquire(Budget.READ, userId))
                .chain(() -> repository.conversationBefore(userId, otherId, beforeId, size))
                .map(messages -> new Page(messages,
                        messages.size() == size ? messages.get(messages.size() - 1).id() : null));
    }
}
