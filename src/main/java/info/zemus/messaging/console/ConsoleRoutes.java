package info.zemus.messaging.console;

import info.zemus.messaging.config.ConsoleConfig;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.error.Problem;
import info.zemus.messaging.error.ProblemResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Gates the browser console (static files under {@code META-INF/resources/console/}). Disabled, every
 * {@code /console} path answers 404 before the static handler sees it, so a production node does not
 * reveal it ships one. Enabled, a browser asking for {@code /} is redirected to it, while API clients
 * (curl, apps: no {@code text/html} in {@code Accept}) keep the plain-text route list, and the console's
 * files carry a strict Content-Security-Policy: the page runs only its own script, with no inline code.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String PATH = "/console/";

    /** Same origin only; 'self' covers the page's own ws:// or wss:// connection in current browsers. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ProblemResponses problems;
    private final boolean enabled;

    public ConsoleRoutes(ProblemResponses problems, ConsoleConfig config) {
        this.problems = problems;
        this.enabled = config.enabled();
    }

    void install(@Observes Router router) {
        // After BodyLimitFilter (MIN_VALUE + 100), before the static files and JAX-RS.
        router.route().order(Integer.MIN_VALUE + 200).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        // The path the static handler resolves ("//console/./x" is "/console/x"), not the raw one.
        String path = context.normalizedPath();
        boolean console = path.equals("/console") || path.startsWith(PATH);
        if (!console && !path.equals("/")) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        if (!enabled) {
            if (console) {
                response.setStatusCode(404)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(problems.body(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.title(), path));
            } else {
                context.next();
            }
            return;
        }
        if (path.equals("/")) {
            // The answer at / depends on Accept: shared caches must keep the two apart.
            response.putHeader(HttpHeaders.VARY, "Accept");
            if (isGetOrHead(context) && prefersHtml(context.parsedHeaders().accept())) {
                redirect(response);
            } else {
                context.next();
            }
            return;
        }
        if (path.equals("/console")) {
            redirect(response);
            return;
        }
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                // A developer tool that changes with the build: never serve a stale page.
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        context.next();
    }

    private static boolean isGetOrHead(RoutingContext context) {
        HttpMethod method = context.request().method();
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private static void redirect(HttpServerResponse response) {
        response.setStatusCode(302).putHeader(HttpHeaders.LOCATION, PATH).end();
    }

    /**
     * True when {@code Accept} names {@code text/html} with a quality above zero and at least that of
     * {@code text/plain}: what browsers send, never what curl ({@code *}{@code /*}) or an app sends. Vert.x parses
     * the header (a quality it cannot read counts as 1).
     */
    static boolean prefersHtml(List<MIMEHeader> accepted) {
        float html = 0;
        float plain = 0;
        for (MIMEHeader range : accepted) {
            // weight() first: it parses the value, and component() alone does not on a one-value header (Vert.x 4.5).
            float weight = range.weight();
            if (!"text".equalsIgnoreCase(range.component())) {
                continue;
            }
            if ("html".equalsIgnoreCase(range.subComponent())) {
                html = Math.max(html, weight);
            } else if ("plain".equalsIgnoreCase(range.subComponent())) {
                plain = Math.max(plain, weight);
            }
        }
        return html > 0 && html >= plain;
    }
}
