package info.zemus.messaging.message;

import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.MainApiConfig;
import info.zemus.messaging.delivery.FanOut;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /users/{id}/friends/{friendId}/message}: store a message, answer 201 with it, then
 * deliver it. Cheap checks run first (ids, header, body) so that bad requests never cost a call to
 * the main API or the database.
 */
@Path("/users/{id}/friends/{friendId}/message")
public class MessageResource {

    private final MessageText text;
    private final TokenCheck tokenCheck;
    private final MessageRepository repository;
    private final FanOut fanOut;
    private final boolean checkFriendship;

    public MessageResource(MessageText text, TokenCheck tokenCheck, MessageRepository repository, FanOut fanOut,
                           MainApiConfig mainApi) {
        this.text = text;
        this.tokenCheck = tokenCheck;
        this.repository = repository;
        this.fanOut = fanOut;
        this.checkFriendship = mainApi.checkFriendship();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Message>> send(@RestPath String id, @RestPath String friendId,
                                           @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                           byte[] body) {
        long senderId = UserIds.parse("id", id);
        long receiverId = UserIds.parse("friendId", friendId);
        BearerToken token = BearerToken.fromAuthorizationHeader(authorization);
        String content = text.read(body);
        if (senderId == receiverId) {
            throw new ApiException(ErrorCode.SELF_MESSAGE, "A user cannot send a message to themselves");
        }
        Uni<Void> allowed = checkFriendship
                ? tokenCheck.verifyWithFriendship(senderId, receiverId, token)
                : tokenCheck.verify(senderId, token);
        return allowed
                .chain(() -> repository.insert(senderId, receiverId, content))
                .invoke(message -> {
                    Log.infof("Message %d stored from %d to %d", message.id(), senderId, receiverId);
                    fanOut.deliver(message);
                })
                .map(message -> RestResponse.status(RestResponse.Status.CREATED, message));
    }
}
