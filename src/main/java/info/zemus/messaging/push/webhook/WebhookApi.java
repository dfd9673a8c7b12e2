package info.zemus.messaging.push.webhook;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A company's own push gateway: one signed POST per device, to the configured URL (the client's base URI). */
@Path("")
public interface WebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> post(@HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
                       @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature, String body);
}
