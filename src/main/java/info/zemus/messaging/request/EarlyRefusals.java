package info.zemus.messaging.request;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.error.Problem;
import info.zemus.messaging.error.ProblemResponses;
import info.zemus.messaging.error.Refusals;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses, before any routing: a body declared larger than the limit, before a single byte of it is read
 * or parsed; and paths with {@code ;} parameters, which JAX-RS would silently strip from an id. Bodies
 * sent without a length are bounded by {@code quarkus.http.limits.max-body-size} and checked again
 * by message.MessageText.
 */
@ApplicationScoped
public class EarlyRefusals {

    private final ProblemResponses problems;
    private final Refusals refusals;
    private final long maxBodyBytes;

    public EarlyRefusals(ProblemResponses problems, Refusals refusals, MessagesConfig config) {
        this.problems = problems;
        this.refusals = refusals;
        this.maxBodyBytes = config.maxBodyBytes();
    }

    void install(@Observes Router router) {
        // Before the body handler, which would otherwise buffer the whole body first.
        router.route().order(Integer.MIN_VALUE + 100).handler(context -> {
            // JAX-RS would read "/users/1;x/..." as user 1 with a matrix parameter: refuse it outright.
            if (context.request().path().indexOf(';') >= 0) {
                refuse(context, 400, ErrorCode.INVALID_PATH, "Path segments may not carry ';' parameters");
                return;
            }
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredTooLarge(length)) {
                refuse(context, 413, ErrorCode.BODY_TOO_LARGE, "The body is over " + maxBodyBytes + " bytes");
                return;
            }
            context.next();
        });
    }

    private void refuse(io.vertx.ext.web.RoutingContext context, int status, ErrorCode code, String detail) {
        refusals.refused(context.request(), code);
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problems.body(code, detail, context.request().path()));
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself.
        }
    }
}
