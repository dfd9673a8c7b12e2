package info.zemus.messaging.error;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.StandardCharsets;

/**
 * Turns every failure of a REST call into a problem document. Bad input is never a 500, and a 500
 * never shows a class name or a stack trace: those go to the log with the request path only. Refused
 * sends are counted here, whichever check refused them.
 */
public class ProblemMapper {

    private final ProblemResponses problems;
    private final Refusals refusals;

    public ProblemMapper(ProblemResponses problems, Refusals refusals) {
        this.problems = problems;
        this.refusals = refusals;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return render(e.code(), e.detail(), e.retryAfterSeconds(), request);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.INTERNAL_ERROR) {
            Log.errorf(e, "Unexpected framework error %d on %s", status, request.path());
        }
        return render(code, code.title(), null, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        Log.errorf(e, "Unexpected error on %s %s", request.method(), request.path());
        return render(ErrorCode.INTERNAL_ERROR, "The server failed to handle this request", null, request);
    }

    private Response render(ErrorCode code, String detail, Long retryAfterSeconds, HttpServerRequest request) {
        refusals.refused(request, code);
        // Bytes, not a String or an object: written as is whatever the negotiated media type.
        Response.ResponseBuilder response = Response.status(code.status())
                .entity(problems.body(code, detail, request.path()).getBytes(StandardCharsets.UTF_8))
                .type(Problem.MEDIA_TYPE);
        String retryAfter = retryAfterSeconds != null ? retryAfterSeconds.toString() : problems.retryAfter(code);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.build();
    }
}
