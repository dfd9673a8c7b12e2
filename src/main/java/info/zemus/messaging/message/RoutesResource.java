package info.zemus.messaging.message;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /}: the plain-text summary of the routes that the original service answered. */
@Path("/")
@Tag(name = "Service")
public class RoutesResource {

    private static final String ROUTES = """
            Zemus Messaging
            POST /users/{id}/friends/{friendId}/message   send {"message": "..."} with Authorization: Bearer <token>
            GET  /users/{id}/friends/{friendId}/messages  history, newest first (?before=&limit=)
            GET  /users/{id}/conversations                conversation list with unread counts (?before=&limit=)
            POST /users/{id}/friends/{friendId}/read      read up to a message {"upTo": id}
            GET  /users/{id}/unread                       unread total (an app's icon badge)
            PUT  /users/{id}/devices/{installationId}     register a push device {"token","platform"}, same token
            DELETE /users/{id}/devices/{installationId}   unregister it (idempotent)
            GET  /ws?id={userId}[&since={messageId}]       WebSocket of one device, same token
            GET  /q/health/live, /q/health/ready           health
            GET  /q/metrics                                metrics (Prometheus)
            GET  /q/openapi                                this API in OpenAPI (?format=json)
            """;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "routes", summary = "Plain-text list of the routes",
            description = "A browser is redirected to the console at /console/ instead when it is enabled")
    @APIResponse(responseCode = "200", description = "The routes, one a line",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    public String routes() {
        return ROUTES;
    }
}
