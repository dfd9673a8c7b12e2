package info.zemus.messaging.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Zemus main API, faked over real HTTP on a free loopback port. {@code Bearer user-<id>} is a
 * valid token of user {@code <id>}; everyone is friends unless unfriended. Tests steer it through
 * {@code /_fake/...} endpoints (see {@link FakeMainApiControl}) so that the same calls work whether the
 * service runs in the test JVM or as a packaged jar.
 */
public final class FakeMainApi {

    /** How the fake answers the two real endpoints. */
    /** ERROR answers 500, BAD_REQUEST 400 and THROTTLED 429 to every call; DOWN drops every connection. */
    /**
     * How it answers. HUGE and MALFORMED keep NORMAL's statuses but send a body of 8 MiB, or one that is not JSON
     * under a JSON content type: the service must read the status only.
     */
    public enum Mode { NORMAL, DOWN, ERROR, SLOW, FLAKY, BAD_REQUEST, THROTTLED, HUGE, MALFORMED }

    private static final String HUGE_BODY = "{\"padding\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}";

    private static final Pattern FRIENDS = Pattern.compile("/users/(\\d+)/friends/(\\d+)");
    private static final Pattern UNFRIEND = Pattern.compile("/_fake/unfriend/(\\d+)/(\\d+)");
    private static final Pattern REVOKE = Pattern.compile("/_fake/revoke/(\\d+)");

    private final HttpServer server;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NORMAL);
    private final Set<String> unfriended = ConcurrentHashMap.newKeySet();
    private final Set<Long> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger authCalls = new AtomicInteger();
    /** The Authorization header of the last token check of each user id, as received. */
    private final Map<Long, String> lastAuthorization = new ConcurrentHashMap<>();
    /** The database proxy of this run, when the test resource started one; steered through /_fake/db/. */
    private volatile TcpProxy databaseProxy;
    private final Set<String> flakyFailed = ConcurrentHashMap.newKeySet();

    private FakeMainApi(HttpServer server) {
        this.server = server;
    }

    public static FakeMainApi start() throws IOException {
        // Without it the JDK server's separate header and body writes wait on delayed ACKs (~40 ms each).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = LoopbackHttp.bind("fake-main-api", 200);
        FakeMainApi fake = new FakeMainApi(server);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    void databaseProxy(TcpProxy proxy) {
        this.databaseProxy = proxy;
    }

    public String url() {
        return LoopbackHttp.url(server);
    }

    public void stop() {
        server.stop(0);
    }

    /** The body of an answer in HUGE or MALFORMED mode; null (none) otherwise. */
    private String oddBody() {
        return switch (mode.get()) {
            case HUGE -> HUGE_BODY;
            case MALFORMED -> "{\"userId\": 1, \"trailing";
            default -> null;
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream ignored = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/_fake/")) {
                control(exchange, path);
                return;
            }
            if (path.equals("/auth")) {
                authCalls.incrementAndGet(); // every attempt, answered or not
            }
            switch (mode.get()) {
                case DOWN -> {
                    // No answer at all: the connection is dropped, as by a crashed server.
                    throw new IOException("fake main API is down");
                }
                case ERROR -> {
                    send(exchange, 500, "{\"error\":\"boom\"}");
                    return;
                }
                case BAD_REQUEST -> {
                    send(exchange, 400, "{\"error\":\"bad request\"}");
                    return;
                }
                case THROTTLED -> {
                    send(exchange, 429, "{\"error\":\"slow down\"}");
                    return;
                }
                case SLOW -> sleep(3_000);
                case FLAKY -> {
                    // The first call for each path and query drops its connection; the next one works.
                    if (flakyFailed.add(path + "?" + exchange.getRequestURI().getRawQuery())) {
                        throw new IOException("fake main API dropped this connection");
                    }
                }
                default -> { }
            }
            if (path.equals("/auth")) {
                long id = queryId(exchange.getRequestURI().getRawQuery());
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null) {
                    lastAuthorization.put(id, authorization);
                }
                String odd = oddBody();
                send(exchange, tokenOf(exchange, id) ? (odd == null ? 204 : 200) : 401, odd);
                return;
            }
            Matcher friends = FRIENDS.matcher(path);
            if (friends.matches()) {
                long id = Long.parseLong(friends.group(1));
                if (!tokenOf(exchange, id)) {
                    send(exchange, 401, oddBody());
                } else if (unfriended.contains(friends.group(1) + "/" + friends.group(2))) {
                    send(exchange, 404, "{\"error\":\"not friends\"}");
                } else {
                    send(exchange, 200, "{\"userId\":" + id + ",\"friendId\":" + friends.group(2) + "}");
                }
                return;
            }
            send(exchange, 404, null);
        }
    }

    private void control(HttpExchange exchange, String path) throws IOException {
        if (path.startsWith("/_fake/mode/")) {
            mode.set(Mode.valueOf(path.substring("/_fake/mode/".length())));
            send(exchange, 204, null);
            return;
        }
        Matcher unfriend = UNFRIEND.matcher(path);
        if (unfriend.matches()) {
            unfriended.add(unfriend.group(1) + "/" + unfriend.group(2));
            unfriended.add(unfriend.group(2) + "/" + unfriend.group(1));
            send(exchange, 204, null);
            return;
        }
        Matcher revoke = REVOKE.matcher(path);
        if (revoke.matches()) {
            revoked.add(Long.parseLong(revoke.group(1)));
            send(exchange, 204, null);
            return;
        }
        if (path.equals("/_fake/db/cut") || path.equals("/_fake/db/restore")) {
            if (databaseProxy == null) {
                send(exchange, 409, null);
            } else {
                if (path.endsWith("cut")) {
                    databaseProxy.cut();
                } else {
                    databaseProxy.restore();
                }
                send(exchange, 204, null);
            }
            return;
        }
        if (path.startsWith("/_fake/last-authorization/")) {
            String header = lastAuthorization.get(Long.parseLong(path.substring("/_fake/last-authorization/".length())));
            send(exchange, header == null ? 404 : 200, header);
            return;
        }
        if (path.equals("/_fake/auth-calls")) {
            send(exchange, 200, Integer.toString(authCalls.get()));
            return;
        }
        send(exchange, 404, null);
    }

    private boolean tokenOf(HttpExchange exchange, long id) {
        if (revoked.contains(id)) {
            return false;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && header.substring(7).equals("user-" + id);
    }

    private static long queryId(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("id=")) {
                    try {
                        return Long.parseLong(pair.substring(3));
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
