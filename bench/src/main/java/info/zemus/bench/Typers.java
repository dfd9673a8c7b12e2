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
 * The typing load: each typer holds one WebSocket and writes {@code typing} frames to the receivers in turn, at an
 * offered rate. Receivers count the {@code typing} frames they get ({@link #received}); what the service drops (per pair, one
 * frame of each state per interval) is the difference.
 */
final class Typers {

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

    /**
     * One frame to each receiver from each typer, then a pause: the service checks each pair's friendship once with
     * the main API (the generator's fake, on this machine) and keeps the answer, as it would for friends who chat.
     */
    void introduce(int receivers) throws InterruptedException {
        for (ClientWebSocket socket : sockets) {
            for (int r = 0; r < receivers; r++) {
                socket.writeTextMessage("{\"type\":\"typing\",\"to\":" + (LoadGenerator.USER_BASE + r)
                        + ",\"state\":\"stop\"}");
            }
        }
        Thread.sleep(3_000);
    }

    /**
     * The typers write {@code rate} frames per second in all, evenly (a Vert.x timer per typer, every millisecond),
     * until {@code endNanos}: an open loop, as people type whatever the service does. Counting starts at
     * {@code fromNanos}.
     */
    CompletableFuture<Void> run(Vertx vertx, int receivers, int rate, long fromNanos, long endNanos) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        double perTyperPerMs = rate / 1000.0 / sockets.size();
        for (int t = 0; t < sockets.size(); t++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            ClientWebSocket socket = sockets.get(t);
            AtomicLong next = new AtomicLong(t); // each typer starts at another receiver
            long startNanos = System.nanoTime();
            vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                if (now >= endNanos || socket.isClosed()) {
                    vertx.cancelTimer(id);
                    done.complete(null);
                    return;
                }
                // Frames due by now, minus those written: no burst after a late tick, no drift.
                long due = (long) ((now - startNanos) / 1_000_000.0 * perTyperPerMs);
                while (next.get() - sockets.indexOf(socket) < due) {
                    long to = LoadGenerator.USER_BASE + next.getAndIncrement() % receivers;
                    socket.writeTextMessage("{\"type\":\"typing\",\"to\":" + to + ",\"state\":\"start\"}");
                    if (now >= fromNanos) {
                        sent.incrementAndGet();
                    }
                }
            });
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    void close() {
        sockets.forEach(ClientWebSocket::close);
    }
}
