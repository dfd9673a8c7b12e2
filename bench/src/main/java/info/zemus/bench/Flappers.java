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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The presence load: each watcher (a receiver's device) watches every flapper, and each flapper connects, waits for
 * its {@code ready} frame, closes, and again, in a closed loop. With {@code ZEMUS_PRESENCE_OFFLINE_AFTER} near zero,
 * each cycle is two presence changes (online, offline), each fanned out to every watcher. Watchers count the
 * {@code presence} frames they get ({@link #received}).
 */
final class Flappers {

    final AtomicLong cycles = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    private final List<Long> users = new ArrayList<>();

    Flappers(int receivers, int flappers) {
        for (int f = 0; f < flappers; f++) {
            users.add(LoadGenerator.USER_BASE + receivers + f); // after the receivers', as the HTTP senders
        }
    }

    /** Counts a frame a watcher got, if it is a presence frame. */
    void onFrame(String text) {
        if (text.startsWith("{\"type\":\"presence\"")) {
            received.incrementAndGet();
        }
    }

    /** Each watcher's socket watches every flapper: one frame each, answered with the flappers' states. */
    void watch(List<ClientWebSocket> watchers) throws InterruptedException {
        String frame = "{\"type\":\"presence\",\"watch\":" + users + "}";
        watchers.forEach(socket -> socket.writeTextMessage(frame));
        Thread.sleep(3_000); // the friendship checks (the generator's fake main API) and the first states
    }

    /** The flappers' closed loops until {@code endNanos}; cycles are counted from {@code fromNanos}. */
    CompletableFuture<Void> run(Vertx vertx, URI service, long fromNanos, long endNanos) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (long user : users) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            cycle(client, service, user, fromNanos, endNanos, done);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private void cycle(WebSocketClient client, URI service, long user, long fromNanos, long endNanos,
                       CompletableFuture<Void> done) {
        if (System.nanoTime() >= endNanos) {
            done.complete(null);
            return;
        }
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(text -> {
            if (text.startsWith("{\"type\":\"ready\"")) {
                socket.close();
            }
        });
        socket.closeHandler(closed -> {
            if (System.nanoTime() >= fromNanos) {
                cycles.incrementAndGet();
            }
            cycle(client, service, user, fromNanos, endNanos, done);
        });
        socket.connect(new WebSocketConnectOptions().setHost(service.getHost()).setPort(service.getPort())
                        .setURI("/ws?id=" + user).addHeader("Authorization", "Bearer bench-" + user))
                .onFailure(failure -> done.completeExceptionally(failure));
    }
}
