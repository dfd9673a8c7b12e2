package info.zemus.messaging.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.FixedLimits;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import info.zemus.messaging.message.ConversationRepository.Conversation;
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
 * {@code GET /users/{id}/conversations?before=&limit=}: the conversation list of a chat app's first screen, one entry
 * per user {@code {id}} exchanged messages with, newest activity first, each with its newest message and the number
 * of the friend's messages not read yet. {@code nextBefore} is the cursor of the next page, there whenever the page
 * is full.
 */
@Path("/users/{id}/conversations")
@Tag(name = "Messages")
public class ConversationResource {

    /** One page of the list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ConversationPage")
    public record Page(List<Conversation> conversations, Long nextBefore) {
    }

    private final TokenCheck tokenCheck;
    private final ConversationRepository repository;
    private final UserRateLimits limits;

    public ConversationResource(TokenCheck tokenCheck, ConversationRepository repository, UserRateLimits limits) {
        this.tokenCheck = tokenCheck;
        this.repository = repository;
        this.limits = limits;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "conversations", summary = "The conversations of user {id}, newest activity first",
            description = "One entry per user {id} exchanged messages with: `friendId`, `lastMessage` (either way, with "
                    + "its receipts when set) and `unread` (the friend's messages {id} has not read). A page at a time: "
                    + "pass `nextBefore` as `before` for the next (older) page; it is there whenever the page is full "
                    + "(a full last page has it, and the next page is empty).")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(responseCode = "200", description = "One page of conversations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Page> page(
            @Parameter(description = "The user, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            @Parameter(description = "Only conversations whose newest message has a smaller id (the `nextBefore` of the "
                    + "previous page)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
            @RestQuery String before,
            @Parameter(description = "Conversations per page",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                            maximum = "" + FixedLimits.CONVERSATION_PAGE_MAX,
                            defaultValue = "" + FixedLimits.CONVERSATION_PAGE_DEFAULT)) @RestQuery String limit,
            // @Context, or the OpenAPI scanner takes it for the request body.
            @Context HttpServerRequest request) {
        long userId = Integers.userId("id", id);
        long beforeId = before == null ? Long.MAX_VALUE : Integers.inRange("before", before, 1, Long.MAX_VALUE);
        int size = limit == null ? FixedLimits.CONVERSATION_PAGE_DEFAULT
                : (int) Integers.inRange("limit", limit, 1, FixedLimits.CONVERSATION_PAGE_MAX);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        return tokenCheck.verify(userId, token)
                .invoke(() -> limits.acquire(Budget.READ, userId))
                .chain(() -> repository.newestBefore(userId, beforeId, size))
                .map(conversations -> new Page(conversations, conversations.size() == size
                        ? conversations.get(conversations.size() - 1).lastMessage().id() : null));
    }
}
