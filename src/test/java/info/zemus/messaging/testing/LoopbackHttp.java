package info.zemus.messaging.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** The JDK HTTP server behind the tests' fakes: a free loopback port, handlers on daemon threads. */
final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /** Bound, not started: the fake adds its handler, then starts it. */
    static HttpServer bind(String threadName, int backlog) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        }));
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
