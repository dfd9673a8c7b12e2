package info.zemus.messaging.message;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /}: the plain-text summary of the routes that the original service answered. */
@Path("/")
public class RoutesResource {

    private static final String ROUTES = """
            Zemus Messaging
            POST /users/{id}/friends/{friendId}/message   send {"message": "..."} with Authorization: Bearer <token>
            GET  /users/{id}/friends/{friendId}/messages  history, newest first (?before=&limit=)
            GET  /ws?id={userId}[&since={messageId}]       WebSocket of one device, same token
            GET  /q/health/live, /q/health/ready           health
            """;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String routes() {
        return ROUTES;
    }
}
