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
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The presence load: each watcher (a receiver's device) watches every flapper, and each flapper connects, waits for
 * its {@code ready} frame, closes, and again, in a closed loop. With {@code ZEMUS_PRESENCE_OFFLINE_AFTER} near zero,
 * a cycle is an online and an offline change, each fanned out to every watcher, unless the flapper is back before its
 * offline was written (then nothing changed). Watchers count the {@code presence} frames they get: every watcher
 * gets every change, so a watcher's count is the number of changes.
 */
final class Flappers {

    final AtomicLong cycles = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    private final List<Long> users = new ArrayList<>();
    private volatile AtomicLongArray perWatcher = new AtomicLongArray(0);

    Flappers(int receivers, int flappers) {
        for (int f = 0; f < flappers; f++) {
            users.add(LoadGenerator.USER_BASE + receivers + f); // after the receivers', as the HTTP senders
        }
    }

    /** Presence frames each watcher got so far. */
    long[] perWatcher() {
        long[] counts = new long[perWatcher.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = perWatcher.get(i);
        }
        return counts;
    }

    /**
     * Each watcher's socket watches every flapper: one frame each, answered with the flappers' states. Ten watchers
     * at a time: each frame is a friendship check per flapper, and the generator's fake main API shares its event
     * loops with the load (all at once, its answers time out and the service's breaker opens: finding 27). A watcher
     * whose frame was refused meanwhile sends it again, until every watcher has its first states.
     */
    void watch(List<ClientWebSocket> watchers) throws InterruptedException {
        String frame = "{\"type\":\"presence\",\"watch\":" + users + "}";
        perWatcher = new AtomicLongArray(watchers.size());
        for (int i = 0; i < watchers.size(); i++) {
            int index = i;
            watchers.get(i).textMessageHandler(text -> {
                if (text.startsWith("{\"type\":\"presence\"")) {
                    received.incrementAndGet();
                    perWatcher.incrementAndGet(index);
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<Integer> waiting = new ArrayList<>();
            for (int i = 0; i < watchers.size(); i++) {
                if (perWatcher.get(i) < users.size()) {
                    waiting.add(i);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            System.out.printf("%d watchers (again) send their presence frame%n", waiting.size());
            for (int n = 0; n < waiting.size(); n++) {
                watchers.get(waiting.get(n)).writeTextMessage(frame);
                if (n % 10 == 9) {
                    Thread.sleep(250);
                }
            }
            Thread.sleep(3_000); // the last checks, and the first states
        }
        throw new IllegalStateException("Watchers without their first presence states after 120 s");
    }

    /** The flappers' closed loops until {@code endNanos}; cycles are counted from {@code fromNanos}. */
    CompletableFuture<Void> run(Vertx vertx, URI service, long fromNanos, long endNanos) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (long user : users) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            cycle(vertx, client, service, user, fromNanos, endNanos, done);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private void cycle(Vertx vertx, WebSocketClient client, URI service, long user, long fromNanos, long endNanos,
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
            cycle(vertx, client, service, user, fromNanos, endNanos, done);
        });
        socket.connect(new WebSocketConnectOptions().setHost(service.getHost()).setPort(service.getPort())
                        .setURI("/ws?id=" + user).addHeader("Authorization", "Bearer bench-" + user))
                .onFailure(failure -> {
                    // Refused (a 503 while the main API is slow): again a little later, as an app would.
                    refused.incrementAndGet();
                    vertx.setTimer(100, ignored -> cycle(vertx, client, service, user, fromNanos, endNanos, done));
                });
    }
}
