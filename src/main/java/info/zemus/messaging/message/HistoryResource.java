package info.zemus.messaging.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/**
 * {@code GET /users/{id}/friends/{friendId}/messages?before=&limit=}: the conversation of two users,
 * newest first, a page at a time. {@code nextBefore} is the cursor of the next (older) page, absent on
 * the last one. The token must be {@code {id}}'s; no friendship is required to read one's own past.
 */
@Path("/users/{id}/friends/{friendId}/messages")
public class HistoryResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** One page of history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<Message> messages, Long nextBefore) {
    }

    private final TokenCheck tokenCheck;
    private final MessageRepository repository;

    public HistoryResource(TokenCheck tokenCheck, MessageRepository repository) {
        this.tokenCheck = tokenCheck;
        this.repository = repository;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Page> page(@RestPath String id, @RestPath String friendId, @RestQuery String before,
                          @RestQuery String limit, HttpServerRequest request) {
        long userId = UserIds.parse("id", id);
        long otherId = UserIds.parse("friendId", friendId);
        long beforeId = before == null ? Long.MAX_VALUE : MessageIds.parse("before", before, 1, Long.MAX_VALUE);
        int size = limit == null ? DEFAULT_LIMIT : (int) MessageIds.parse("limit", limit, 1, MAX_LIMIT);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        return tokenCheck.verify(userId, token)
                .chain(() -> repository.conversationBefore(userId, otherId, beforeId, size))
                .map(messages -> new Page(messages,
                        messages.size() == size ? messages.get(messages.size() - 1).id() : null));
    }
}
