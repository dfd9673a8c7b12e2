package info.zemus.messaging.auth;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The two calls we make to the Zemus main API. Answers come back as raw responses (the default
 * exception mapper is disabled) because a 401 or a 404 is an answer here, not a failure.
 */
@RegisterRestClient(configKey = "main-api")
@Path("/")
public interface MainApiClient {

    /** 204 when the forwarded token belongs to {@code id}, 401 when it does not. */
    @GET
    @Path("auth")
    Uni<Response> auth(@QueryParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /** 2xx when the two users are friends, 404 when they are not (or one does not exist). */
    @GET
    @Path("users/{id}/friends/{friendId}")
    Uni<Response> friendship(@PathParam("id") long id, @PathParam("friendId") long friendId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
