package info.zemus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The Zemus main API as the benchmark plays it, over real HTTP: {@code Bearer bench-<id>} is user
 * {@code <id>}'s token and everyone is friends. The service under test calls it through its real REST
 * client, guard and cache, as in production.
 */
final class BenchMainApi {

    private BenchMainApi() {
    }

    static HttpServer start(Vertx vertx, int port) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            String authorization = request.getHeader("Authorization");
            if (path.equals("/auth")) {
                boolean valid = authorization != null && authorization.equals("Bearer bench-" + request.getParam("id"));
                request.response().setStatusCode(valid ? 204 : 401).end();
            } else if (path.startsWith("/users/")) {
                request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{}");
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }
}
