package info.zemus.messaging.message;

import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * {@code POST /users/{id}/friends/{friendId}/message}: store a message, answer 201 with it, then
 * deliver it; a retry with the same {@code Idempotency-Key} answers 200 with the stored message. Cheap
 * checks run first (ids, headers, body) so that bad requests never cost a call to the main API or the
 * database.
 */
@Path("/users/{id}/friends/{friendId}/message")
public class MessageResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final MessageText text;
    private final MessageSender sender;

    public MessageResource(MessageText text, MessageSender sender) {
        this.text = text;
        this.sender = sender;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SentMessage>> send(@RestPath String id, @RestPath String friendId,
                                               HttpServerRequest request, byte[] body) {
        long senderId = UserIds.parse("id", id);
        long receiverId = UserIds.parse("friendId", friendId);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        // Read from Vert.x: an empty header must be refused, not taken for an absent one.
        List<String> keys = request.headers().getAll(IDEMPOTENCY_KEY);
        if (keys.size() > 1) {
            throw new ApiException(ErrorCode.INVALID_IDEMPOTENCY_KEY, "Only one Idempotency-Key header is allowed");
        }
        String key = IdempotencyKeys.validate(keys.isEmpty() ? null : keys.get(0));
        String content = text.read(body);
        return sender.send(senderId, receiverId, content, key, token)
                .map(outcome -> RestResponse.status(
                        outcome.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, outcome.message()));
    }
}
