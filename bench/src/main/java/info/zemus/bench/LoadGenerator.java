package info.zemus.bench;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator: {@code receivers} users each holding {@code devices} WebSocket connections,
 * {@code senders} users POSTing to them for {@code duration} seconds, in a closed loop (each sender waits
 * for its answer) or, with {@code rate}, in an open loop at that many messages per second whatever the
 * answers; every delivered frame is matched back to its send by the sequence number in its text.
 * Loopback only; stops by itself.
 *
 * <p>Arguments, {@code --name value}: service (http://127.0.0.1:4900), fake-main-api-port (0: none),
 * receivers (100), devices (1), senders (32), duration (20), warmup (3), scenario (S1), settle (5),
 * rate (0: closed loop), service-pid-file (with memory true: the service's resident memory is read
 * before and after the connections open, to report its cost per connection), receive-on (another node's
 * URL: receivers connect there while senders POST to {@code service}, so every delivery crosses the broker),
 * compression (true: devices offer permessage-deflate in their handshake, as Chromium and OkHttp do),
 * histograms (a folder: with memory true, the service's live objects by class before and after, for a diff),
 * every-pair (true: each sender writes to every receiver in turn, instead of to its own few friends; see Sends),
 * typing (true: the senders are typers, each writing typing frames over its own WebSocket; see Typers),
 * presence (true: the receivers' devices watch the senders, who connect and close in a loop; see Flappers).
 */
public final class LoadGenerator {

    static final long USER_BASE = 7_000_000_000L;
    private static final int CONNECT_ATTEMPTS = 30;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        String[] defaults = {"service", "http://127.0.0.1:4900", "fake-main-api-port", "0", "receivers", "100",
            "devices", "1", "senders", "32", "duration", "20", "warmup", "3", "scenario", "S1", "settle", "5",
            "rate", "0", "memory", "false", "compression", "true", "every-pair", "false", "typing", "false",
            "presence", "false"};
        for (int i = 0; i < defaults.length; i += 2) {
            options.put(defaults[i], defaults[i + 1]);
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI service = URI.create(options.get("service"));
        URI receiveOn = URI.create(options.getOrDefault("receive-on", options.get("service")));
        for (URI node : List.of(service, receiveOn)) {
            if (!node.getHost().equals("127.0.0.1") && !node.getHost().equals("localhost")) {
                throw new IllegalArgumentException("The load generator targets loopback only");
            }
        }
        int receivers = Integer.parseInt(options.get("receivers"));
        int devices = Integer.parseInt(options.get("devices"));
        int senders = Integer.parseInt(options.get("senders"));
        int duration = Integer.parseInt(options.get("duration"));
        int warmup = Integer.parseInt(options.get("warmup"));
        int settle = Integer.parseInt(options.get("settle"));
        int rate = Integer.parseInt(options.get("rate"));
        boolean memory = Boolean.parseBoolean(options.get("memory"));
        // Vert.x allows 50 WebSockets per server by default; the scenarios open thousands.
        WebSocketClientOptions devicesOptions = new WebSocketClientOptions().setMaxConnections(100_000)
                .setTryUsePerMessageCompression(Boolean.parseBoolean(options.get("compression")));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        int mainApiPort = Integer.parseInt(options.get("fake-main-api-port"));
        if (mainApiPort > 0) {
            BenchMainApi.start(vertx, mainApiPort);
            System.out.println("fake main API on 127.0.0.1:" + mainApiPort);
            if (options.containsKey("wait-for")) { // bench/run starts the service after us
                waitForReady(vertx, service, Integer.parseInt(options.get("wait-for")));
                waitForReady(vertx, receiveOn, Integer.parseInt(options.get("wait-for")));
            }
        }

        Tally tally = new Tally();
        boolean typing = Boolean.parseBoolean(options.get("typing"));
        Typers typers = typing ? new Typers() : null;
        boolean presence = Boolean.parseBoolean(options.get("presence"));
        Flappers flappers = presence ? new Flappers(receivers, senders) : null;
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        List<ClientWebSocket> sockets = new ArrayList<>();
        if (memory) {
            // The first connections load classes and warm pools, a cost paid once: the memory per connection
            // is measured over the other 90%.
            ServiceMemory serviceMemory = ServiceMemory.of(Path.of(options.get("service-pid-file")),
                    options.containsKey("histograms") ? Path.of(options.get("histograms")) : null);
            int warm = receivers / 10;
            sockets.addAll(connectReceivers(vertx, devicesOptions, receiveOn, 0, warm, devices, tally, measuredFrom, null));
            Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
            ServiceMemory.Reading before = serviceMemory.settled(options.get("scenario") + "-before");
            sockets.addAll(connectReceivers(vertx, devicesOptions, receiveOn, warm, receivers, devices, tally, measuredFrom,
                    null));
            Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
            tally.memory(before, serviceMemory.settled(options.get("scenario") + "-after"), (receivers - warm) * devices);
        } else {
            sockets.addAll(connectReceivers(vertx, devicesOptions, receiveOn, 0, receivers, devices, tally, measuredFrom,
                    typers != null ? typers::onFrame : null));
        }
        System.out.printf("%d receivers x %d devices connected to %s, senders to %s%n", receivers, devices, receiveOn,
                service);

        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(Math.max(senders, 64)));
        AtomicLong seq = new AtomicLong();
        long start = System.nanoTime();
        long warmupEnd = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(duration);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        if (presence) {
            flappers.watch(sockets);
            CompletableFuture<Void> flapped = flappers.run(vertx, service, warmupEnd, end);
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(warmupEnd - System.nanoTime())));
            long receivedBefore = flappers.received.get();
            long[] before = flappers.perWatcher();
            CpuUse.Snapshot cpuFrom = CpuUse.now();
            flapped.get(duration + warmup + 60L, TimeUnit.SECONDS);
            CpuUse.Snapshot cpuTo = CpuUse.now();
            Thread.sleep(1_000); // frames still on their way
            long got = flappers.received.get() - receivedBefore;
            long[] after = flappers.perWatcher();
            long fewest = Long.MAX_VALUE;
            long most = 0;
            for (int w = 0; w < after.length; w++) {
                fewest = Math.min(fewest, after[w] - before[w]);
                most = Math.max(most, after[w] - before[w]);
            }
            // Every watcher gets every change: the most any watcher got is the number of changes (the fewest shows
            // whether some watcher missed some).
            long changes = most;
            // CPU per 1,000 presence changes (the "messages" of CpuUse's line), the flappers' connections included.
            System.out.printf("scenario %s: %d users connecting and closing in a loop, each watched by %d devices, %d s%n"
                            + "  connect-close cycles %d (%d/s), presence changes %d (%d/s), frames to watchers %d (%d/s); "
                            + "per watcher %d to %d; connections refused %d%n%s",
                    options.get("scenario"), senders, receivers * devices, duration, flappers.cycles.get(),
                    flappers.cycles.get() / duration, changes, changes / duration, got, got / duration, fewest, most,
                    flappers.refused.get(), CpuUse.between(cpuFrom, cpuTo, Math.max(1, changes))[0]);
            sockets.forEach(ClientWebSocket::close);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return;
        }
        if (typing) {
            typers.connect(vertx, service, receivers, senders);
            typers.introduce(receivers);
            CompletableFuture<Void> typed = typers.run(vertx, receivers, rate, warmupEnd, end);
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(warmupEnd - System.nanoTime())));
            long receivedBefore = typers.received.get();
            CpuUse.Snapshot cpuFrom = CpuUse.now();
            typed.get(duration + warmup + 60L, TimeUnit.SECONDS);
            CpuUse.Snapshot cpuTo = CpuUse.now();
            Thread.sleep(1_000); // frames still on their way
            long got = typers.received.get() - receivedBefore;
            // CPU per 1,000 frames written (the "messages" of CpuUse's line).
            System.out.printf("scenario %s: %d typers to %d receivers, %d s, %d frames/s offered%n  typing frames written %d (%d/s), "
                            + "passed on to receivers %d (%d/s), dropped by the per-pair interval %d%n%s",
                    options.get("scenario"), senders, receivers, duration, rate, typers.sent.get(), typers.sent.get() / duration,
                    got, got / duration, Math.max(0, typers.sent.get() - got),
                    CpuUse.between(cpuFrom, cpuTo, Math.max(1, typers.sent.get()))[0]);
            typers.close();
            sockets.forEach(ClientWebSocket::close);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return;
        }
        if (senders > 0 && duration > 0) {
            Sends sends = new Sends(http, service, receivers, senders,
                    Boolean.parseBoolean(options.get("every-pair")), seq, warmupEnd, measuredFrom, tally);
            if (rate > 0) {
                loops.add(sends.openLoop(rate, start, end));
            } else {
                for (int s = 0; s < senders; s++) {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    loops.add(done);
                    sends.closedLoop(USER_BASE + receivers + s, end, done);
                }
            }
        }
        if (!loops.isEmpty()) {
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(warmupEnd - System.nanoTime())));
            CpuUse.Snapshot cpuFrom = CpuUse.now();
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(duration + warmup + 60L, TimeUnit.SECONDS);
            tally.cpu(cpuFrom, CpuUse.now());
        }
        double seconds = duration;
        // Deliveries still on their way are given a moment, then whatever has not arrived is lost.
        long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(settle);
        while (System.nanoTime() < settleUntil && tally.reached.size() < tally.acceptedSeqs.size()) {
            Thread.sleep(50);
        }
        System.out.print(tally.report(options.get("scenario"), devices, seconds, rate));
        sockets.forEach(ClientWebSocket::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<ClientWebSocket> connectReceivers(Vertx vertx, WebSocketClientOptions clientOptions, URI service,
                                                          int from, int to, int devices, Tally tally,
                                                          AtomicLong measuredFrom, Handler<String> events) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(clientOptions);
        AtomicInteger compressed = new AtomicInteger();
        List<CompletableFuture<ClientWebSocket>> connecting = new ArrayList<>();
        for (int r = from; r < to; r++) {
            long user = USER_BASE + r;
            for (int d = 0; d < devices; d++) {
                int deviceIndex = d;
                WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(service.getHost())
                        .setPort(service.getPort()).setURI("/ws?id=" + user)
                        .addHeader("Authorization", "Bearer bench-" + user);
                connecting.add(connect(vertx, client, options, events != null ? events
                        : text -> onFrame(text, user, deviceIndex, tally, measuredFrom), CONNECT_ATTEMPTS, compressed));
                if (connecting.size() % 100 == 0) { // do not open thousands at once
                    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                }
            }
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        Thread.sleep(500); // let the ready frames pass
        List<ClientWebSocket> sockets = new ArrayList<>();
        for (CompletableFuture<ClientWebSocket> socket : connecting) {
            sockets.add(socket.join());
        }
        if (clientOptions.getTryUsePerMessageCompression()) {
            System.out.printf("permessage-deflate offered by %d devices, accepted by the service on %d%n",
                    sockets.size(), compressed.get());
        }
        return sockets;
    }

    /**
     * Opens one WebSocket; a 503 (a cold service whose main-API calls time out under a burst of handshakes)
     * is retried a second later, as a mobile client would after Retry-After.
     */
    private static CompletableFuture<ClientWebSocket> connect(Vertx vertx, WebSocketClient client,
                                                              WebSocketConnectOptions options, Handler<String> onText,
                                                              int attemptsLeft, AtomicInteger compressed) {
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(onText);
        CompletableFuture<ClientWebSocket> done = new CompletableFuture<>();
        socket.connect(options).onComplete(result -> {
            if (result.succeeded()) {
                // The handshake's answer is readable only now.
                MultiMap headers = socket.headers(); // null when the socket is already closed again
                String extensions = headers == null ? null : headers.get("Sec-WebSocket-Extensions");
                if (extensions != null && extensions.contains("permessage-deflate")) {
                    compressed.incrementAndGet();
                }
                done.complete(socket);
            } else if (attemptsLeft > 1 && result.cause() instanceof UpgradeRejectedException rejected
                    && rejected.getStatus() == 503) {
                vertx.setTimer(1_000, ignored -> connect(vertx, client, options, onText, attemptsLeft - 1, compressed)
                        .whenComplete((again, failure) -> {
                            if (failure == null) {
                                done.complete(again);
                            } else {
                                done.completeExceptionally(failure);
                            }
                        }));
            } else {
                done.completeExceptionally(result.cause());
            }
        });
        return done;
    }

    /**
     * Matches a delivered frame to its send. Frames are read by hand, not parsed into a JSON tree: the
     * generator shares the machine with the service, and every CPU cycle it spends is one the service lacks.
     */
    private static void onFrame(String text, long user, int deviceIndex, Tally tally, AtomicLong measuredFrom) {
        long now = System.nanoTime();
        if (!text.startsWith("{\"type\":\"message\"")) {
            return;
        }
        if (longField(text, "\"receiverId\":") != user) {
            tally.misrouted.incrementAndGet();
            return;
        }
        int start = text.indexOf("\"content\":\"") + 11;
        int bar = text.indexOf('|', start);
        long n = Long.parseLong(text, start, bar, 10);
        if (n >= measuredFrom.get()) {
            long sentAt = Long.parseLong(text, bar + 1, text.indexOf('"', bar), 10);
            tally.delivered(n, deviceIndex, (now - sentAt) / 1_000);
        }
    }

    private static long longField(String text, String name) {
        int start = text.indexOf(name) + name.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text, start, end, 10);
    }

    private static void waitForReady(Vertx vertx, URI service, int seconds) throws Exception {
        HttpClient probe = vertx.createHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                int status = probe.request(HttpMethod.GET, service.getPort(), service.getHost(), "/q/health/ready")
                        .compose(r -> r.send().map(response -> response.statusCode()))
                        .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
                if (status == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service did not become ready");
    }
}
