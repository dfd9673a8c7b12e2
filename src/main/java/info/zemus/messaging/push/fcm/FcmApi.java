package info.zemus.messaging.push.fcm;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * FCM HTTP v1, the one call we make: one message to one device. Bodies are JSON strings built and read by
 * us (no bound classes, nothing to register for a native image); every status comes back as a Response.
 */
@Path("/v1/projects/{project}")
public interface FcmApi {

    @POST
    @Path("/messages:send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> send(@PathParam("project") String project, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                       String body);
}
