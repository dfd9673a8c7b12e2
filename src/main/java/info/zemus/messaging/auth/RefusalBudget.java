package info.zemus.messaging.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import info.zemus.messaging.config.LimitsConfig;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.error.Problem;
import info.zemus.messaging.error.ProblemResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A budget of refused requests per client address ({@code zemus.limits.refusals-per-address} per
 * {@code zemus.limits.refusal-window}): every request with a random token costs a main API call, so an address
 * that spent its budget gets 429 for everything until its window ends, before any call. Every request that ends
 * in 401 (a send, a history page, a device, a WebSocket upgrade) spends one. The address is the peer's, or, when
 * the reverse proxy is declared trusted ({@code quarkus.http.proxy.*}, docs/OPERATIONS.md), the client's it
 * forwards; loopback addresses are never limited (an undeclared proxy would otherwise lump every client together).
 */
@ApplicationScoped
public class RefusalBudget {

    private final Cache<String, AtomicInteger> refusals;
    private final int budget;
    private final String retryAfterSeconds;
    private final ProblemResponses problems;

    public RefusalBudget(LimitsConfig limits, ProblemResponses problems) {
        this.budget = limits.refusalsPerAddress();
        Duration window = limits.refusalWindow();
        this.retryAfterSeconds = Long.toString(Math.max(1, window.toSeconds()));
        this.problems = problems;
        // Bounded: a flood from many addresses evicts the oldest, it does not grow without end.
        this.refusals = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window)
                .executor(Runnable::run).build();
    }

    void install(@Observes Router router) {
        if (budget <= 0) {
            return;
        }
        // Early, with the other refusals before routing (BodyLimitFilter), and before the WebSocket upgrade.
        router.route().order(Integer.MIN_VALUE + 90).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String address = limitedAddress(context.request().remoteAddress());
        if (address == null) {
            context.next();
            return;
        }
        AtomicInteger spent = refusals.getIfPresent(address);
        if (spent != null && spent.get() >= budget) {
            context.response()
                    .setStatusCode(ErrorCode.TOO_MANY_REFUSALS.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                    .end(problems.body(ErrorCode.TOO_MANY_REFUSALS,
                            "Too many requests from this address were refused for their token; retry later",
                            context.request().path()));
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 401) {
                refusals.get(address, key -> new AtomicInteger()).incrementAndGet();
            }
        });
        context.next();
    }

    /** The address to count, or null for one that is never limited (loopback, unknown). */
    static String limitedAddress(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return null;
        }
        String host = remote.hostAddress();
        try {
            if (InetAddress.getByName(host).isLoopbackAddress()) { // a literal: no lookup
                return null;
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return host;
    }
}
