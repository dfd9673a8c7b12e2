package info.zemus.messaging.presence;

import com.fasterxml.jackson.annotation.JsonInclude;
import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.PresenceConfig;
import info.zemus.messaging.delivery.PresenceEvent;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.error.Problem;
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

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /users/{id}/friends/{friendId}/presence}: a friend's presence now, for an app that is not connected
 * (a connected one watches with a {@code presence} frame and is told every change).
 */
@Path("/users/{id}/friends/{friendId}/presence")
@Tag(name = "Presence")
public class PresenceResource {

    /** {@code online}, or {@code offline} since {@code lastSeen} (absent: never seen). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FriendPresence(long userId, String state, Instant lastSeen) {

        static FriendPresence of(PresenceEvent event) {
            return new FriendPresence(event.userId(), event.online() ? "online" : "offline",
                    event.online() ? null : event.lastSeen());
        }
    }

    private final TokenCheck tokenCheck;
    private final PresenceRepository repository;
    private final UserRateLimits limits;
    private final boolean enabled;

    PresenceResource(TokenCheck tokenCheck, PresenceRepository repository, UserRateLimits limits,
                     PresenceConfig config) {
        this.tokenCheck = tokenCheck;
        this.repository = repository;
        this.limits = limits;
        this.enabled = config.enabled();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "friendPresence", summary = "Whether friend {friendId} of user {id} is online",
            description = "Online while a device of the friend is connected on any node; else offline, with when the "
                    + "friend was last seen (absent when never).")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(responseCode = "200", description = "The friend's presence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FriendPresence.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "`presence_disabled`: presence is off on this service "
            + "(ZEMUS_PRESENCE_ENABLED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<FriendPresence> presence(
            @Parameter(description = "The user, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            @Parameter(description = "A friend of the user",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String friendId,
            // @Context, or the OpenAPI scanner takes it for the request body.
            @Context HttpServerRequest request) {
        long userId = Integers.userId("id", id);
        long friend = Integers.userId("friendId", friendId);
        if (!enabled) {
            throw new ApiException(ErrorCode.PRESENCE_DISABLED, "Presence is off on this service");
        }
        if (friend == userId) {
            throw new ApiException(ErrorCode.INVALID_ID, "A user does not watch themselves");
        }
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        return tokenCheck.verifyWithFriendship(userId, friend, token)
                .invoke(() -> limits.acquire(Budget.READ, userId))
                .chain(() -> repository.states(List.of(friend)))
                .map(states -> FriendPresence.of(states.get(0)));
    }
}
