package info.zemus.messaging.delivery;

import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.LimitsConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.error.ProblemResponses;
import info.zemus.messaging.lifecycle.Drain;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import info.zemus.messaging.observability.ThrottledLog;
import info.zemus.messaging.request.Integers;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Lets a WebSocket open only with a valid token of the user in {@code ?id=}. The token comes from
 * {@code Authorization: Bearer <token>}, or, for browsers that cannot set headers, from the
 * subprotocol list {@code Sec-WebSocket-Protocol: bearer, <token>} (the server then selects
 * {@code bearer}). Refused upgrades get a plain HTTP status and never open.
 */
@ApplicationScoped
public class WebSocketUpgradeCheck implements HttpUpgradeCheck {

    /** The authenticated user of a connection, set here and read by the endpoint. */
    public static final UserData.TypedKey<Long> USER_ID = UserData.TypedKey.forLong("zemus.user-id");
    /** The token the connection was opened with, for sends over the socket. */
    public static final UserData.TypedKey<BearerToken> TOKEN = new UserData.TypedKey<>("zemus.token");
    /** The {@code since} cursor of a reconnecting device, absent for a fresh one. */
    public static final UserData.TypedKey<Long> SINCE = UserData.TypedKey.forLong("zemus.since");

    static final String SUBPROTOCOL = "bearer";

    private final TokenCheck tokenCheck;
    private final SessionHub hub;
    private final Drain drain;
    private final int maxConnections;
    private final UserRateLimits rateLimits;
    private final ProblemResponses problems;
    private final ConnectionMetrics metrics;
    private final ThrottledLog refusals = new ThrottledLog("'WebSocket upgrade refused'");

    public WebSocketUpgradeCheck(TokenCheck tokenCheck, SessionHub hub, Drain drain, LimitsConfig limits,
                                 ProblemResponses problems, ConnectionMetrics metrics, UserRateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.drain = drain;
        this.tokenCheck = tokenCheck;
        this.hub = hub;
        this.maxConnections = limits.maxConnections();
        this.problems = problems;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        try {
            drain.admit();
        } catch (ApiException e) {
            return refuse(e);
        }
        if (hub.connections() >= maxConnections) {
            return refuse(new ApiException(ErrorCode.TOO_MANY_CONNECTIONS, "This node is full"));
        }
        long userId;
        BearerToken token;
        String since = request.getParam("since");
        try {
            if (request.params().getAll("id").size() > 1 || request.params().getAll("since").size() > 1) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "'id' and 'since' may be given once");
            }
            userId = Integers.userId("id", request.getParam("id"));
            if (since != null) {
                Integers.cursor("since", since);
            }
            token = tokenOf(request);
        } catch (ApiException e) {
            return refuse(e);
        }
        return tokenCheck.verify(userId, token)
                .invoke(() -> {
                    if (since != null) {
                        rateLimits.acquire(Budget.REPLAY, userId);
                    }
                })
                .map(valid -> {
                    context.userData().put(USER_ID, userId);
                    context.userData().put(TOKEN, token);
                    if (since != null) {
                        context.userData().put(SINCE, Integers.cursor("since", since));
                    }
                    return CheckResult.permitUpgradeSync();
                })
                .onFailure(ApiException.class).recoverWithUni(e -> refuse((ApiException) e));
    }

    private static BearerToken tokenOf(HttpServerRequest request) {
        List<String> authorization = request.headers().getAll(HttpHeaders.AUTHORIZATION);
        if (!authorization.isEmpty()) {
            return BearerToken.fromAuthorizationHeaders(authorization);
        }
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            String[] offered = protocols.split(",");
            for (int i = 0; i + 1 < offered.length; i++) {
                if (offered[i].strip().equalsIgnoreCase(SUBPROTOCOL)) {
                    return BearerToken.of(offered[i + 1].strip());
                }
            }
        }
        return BearerToken.fromAuthorizationHeader(null);
    }

    private Uni<CheckResult> refuse(ApiException e) {
        refusals.info("WebSocket upgrade refused: %s", e.code().code());
        metrics.upgradeRejected(e.code());
        int status = e.code().status();
        if (status == 503) {
            return CheckResult.rejectUpgrade(status, Map.of("Retry-After", List.of(problems.retryAfter(e.code()))));
        }
        if (e.retryAfterSeconds() != null) {
            return CheckResult.rejectUpgrade(status, Map.of("Retry-After", List.of(e.retryAfterSeconds().toString())));
        }
        return CheckResult.rejectUpgrade(status);
    }
}
