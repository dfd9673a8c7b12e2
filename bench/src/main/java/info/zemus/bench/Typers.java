package info.zemus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The typing load: each typer holds one WebSocket and writes {@code typing} frames to the receivers in turn, as fast
 * as its socket takes them (at most {@link #IN_FLIGHT} writes not yet flushed), from the end of the warm-up to the
 * end. Receivers count the {@code typing} frames they get ({@link #received}); what the service drops (per pair, one
 * frame of each state per interval) is the difference.
 */
final class Typers {

    private static final int IN_FLIGHT = 64;

    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    private final List<ClientWebSocket> sockets = new ArrayList<>();

    /** Opens one socket per typer; users after the receivers', as the HTTP senders. */
    void connect(Vertx vertx, URI service, int receivers, int typers) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
        List<CompletableFuture<ClientWebSocket>> opening = new ArrayList<>();
        for (int t = 0; t < typers; t++) {
            long user = LoadGenerator.USER_BASE + receivers + t;
            ClientWebSocket socket = client.webSocket();
            CompletableFuture<ClientWebSocket> open = new CompletableFuture<>();
            socket.connect(new WebSocketConnectOptions().setHost(service.getHost()).setPort(service.getPort())
                            .setURI("/ws?id=" + user).addHeader("Authorization", "Bearer bench-" + user))
                    .onComplete(result -> {
                        if (result.succeeded()) {
                            open.complete(socket);
                        } else {
                            open.completeExceptionally(result.cause());
                        }
                    });
            opening.add(open);
        }
        for (CompletableFuture<ClientWebSocket> open : opening) {
            sockets.add(open.get(60, TimeUnit.SECONDS));
        }
    }

    /** Counts a frame a receiver got, if it is a typing frame. */
    void onFrame(String text) {
        if (text.startsWith("{\"type\":\"typing\"")) {
            received.incrementAndGet();
        }
    }

    /** Every typer writes until {@code endNanos}; completes when all stopped. Counting starts at {@code fromNanos}. */
    CompletableFuture<Void> run(int receivers, long fromNanos, long endNanos) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < sockets.size(); t++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            ClientWebSocket socket = sockets.get(t);
            AtomicLong next = new AtomicLong(t); // each typer starts at another receiver
            for (int w = 0; w < IN_FLIGHT; w++) {
                write(socket, receivers, next, fromNanos, endNanos, done);
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private void write(ClientWebSocket socket, int receivers, AtomicLong next, long fromNanos, long endNanos,
                       CompletableFuture<Void> done) {
        long now = System.nanoTime();
        if (now >= endNanos) {
            done.complete(null);
            return;
        }
        long to = LoadGenerator.USER_BASE + next.getAndIncrement() % receivers;
        socket.writeTextMessage("{\"type\":\"typing\",\"to\":" + to + ",\"state\":\"start\"}").onComplete(result -> {
            if (result.failed()) {
                done.completeExceptionally(result.cause());
                return;
            }
            if (now >= fromNanos) {
                sent.incrementAndGet();
            }
            write(socket, receivers, next, fromNanos, endNanos, done);
        });
    }

    void close() {
        sockets.forEach(ClientWebSocket::close);
    }
}
