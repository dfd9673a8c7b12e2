package info.zemus.messaging.message;

import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.error.Problem;
import info.zemus.messaging.error.ProblemResponses;
import info.zemus.messaging.metrics.MessageMetrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses, before any routing: a body declared larger than the limit, before a single byte of it is read
 * or parsed; and paths with {@code ;} parameters, which JAX-RS would silently strip from an id. Bodies
 * sent without a length are bounded by {@code quarkus.http.limits.max-body-size} and checked again
 * by {@link MessageText}.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private final ProblemResponses problems;
    private final MessageMetrics metrics;
    private final long maxBodyBytes;

    public BodyLimitFilter(ProblemResponses problems, MessageMetrics metrics, MessagesConfig config) {
        this.problems = problems;
        this.metrics = metrics;
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
        metrics.rejectedIfSend(context.request(), code);
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
