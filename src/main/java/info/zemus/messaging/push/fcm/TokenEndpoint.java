package info.zemus.messaging.push.fcm;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The OAuth2 token endpoint of a service account (its key's {@code token_uri}, the client's base URI). */
@Path("")
public interface TokenEndpoint {

    /** The JWT-bearer grant, form-encoded; the answer's status is read by the caller. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> token(String form);
}
