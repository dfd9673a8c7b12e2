package info.zemus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator: {@code receivers} users each holding {@code devices} WebSocket connections,
 * {@code senders} users POSTing to them in a closed loop for {@code duration} seconds; every delivered
 * frame is matched back to its send by the sequence number in its text. Loopback only; stops by itself.
 *
 * <p>Arguments, {@code --name value}: service (http://127.0.0.1:4900), fake-main-api-port (0: none),
 * receivers (100), devices (1), senders (32), duration (20), warmup (3), scenario (S1), settle (5).
 */
public final class LoadGenerator {

    private static final long USER_BASE = 7_000_000_000L;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("service", "http://127.0.0.1:4900", "fake-main-api-port", "0",
                "receivers", "100", "devices", "1", "senders", "32", "duration", "20", "warmup", "3",
                "scenario", "S1", "settle", "5"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI service = URI.create(options.get("service"));
        if (!service.getHost().equals("127.0.0.1") && !service.getHost().equals("localhost")) {
            throw new IllegalArgumentException("The load generator targets loopback only");
        }
        int receivers = Integer.parseInt(options.get("receivers"));
        int devices = Integer.parseInt(options.get("devices"));
        int senders = Integer.parseInt(options.get("senders"));
        int duration = Integer.parseInt(options.get("duration"));
        int warmup = Integer.parseInt(options.get("warmup"));
        int settle = Integer.parseInt(options.get("settle"));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        int mainApiPort = Integer.parseInt(options.get("fake-main-api-port"));
        if (mainApiPort > 0) {
            BenchMainApi.start(vertx, mainApiPort);
            System.out.println("fake main API on 127.0.0.1:" + mainApiPort);
            if (options.containsKey("wait-for")) { // bench/run starts the service after us
                waitForReady(vertx, service, Integer.parseInt(options.get("wait-for")));
            }
        }

        Tally tally = new Tally();
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        List<ClientWebSocket> sockets = connectReceivers(vertx, service, receivers, devices, tally, measuredFrom);
        System.out.printf("%d receivers x %d devices connected%n", receivers, devices);

        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(senders));
        AtomicLong seq = new AtomicLong();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(duration);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loops.add(done);
            sendLoop(http, service, USER_BASE + receivers + s, receivers, seq, warmupEnd, end, measuredFrom, tally, done);
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(duration + warmup + 60L, TimeUnit.SECONDS);
        double seconds = duration;
        // Deliveries still on their way are given a moment, then whatever has not arrived is lost.
        long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(settle);
        while (System.nanoTime() < settleUntil && tally.reached.size() < tally.acceptedSeqs.size()) {
            Thread.sleep(50);
        }
        System.out.print(tally.report(options.get("scenario"), devices, seconds));
        sockets.forEach(ClientWebSocket::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void sendLoop(HttpClient http, URI service, long sender, int receivers, AtomicLong seq,
                                 long warmupEnd, long end, AtomicLong measuredFrom, Tally tally,
                                 CompletableFuture<Void> done) {
        long now = System.nanoTime();
        if (now >= end) {
            done.complete(null);
            return;
        }
        long n = seq.incrementAndGet();
        boolean measured = now >= warmupEnd;
        if (measured) {
            measuredFrom.accumulateAndGet(n, Math::min);
            tally.sent.incrementAndGet();
        }
        long receiver = USER_BASE + (n % receivers);
        String body = "{\"message\":\"" + n + "|" + now + "\"}";
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(service.getHost())
                .setPort(service.getPort()).setURI("/users/" + sender + "/friends/" + receiver + "/message")
                .putHeader("Authorization", "Bearer bench-" + sender).putHeader("Content-Type", "application/json");
        http.request(request)
                .compose(r -> r.send(Buffer.buffer(body)).compose(response -> response.body().map(b -> response.statusCode())))
                .onComplete(result -> {
                    if (measured) {
                        tally.http.recordValue((System.nanoTime() - now) / 1_000);
                        if (result.succeeded() && result.result() == 201) {
                            tally.accepted.incrementAndGet();
                            tally.acceptedSeqs.put(n, Boolean.TRUE);
                        } else {
                            tally.refused.incrementAndGet();
                        }
                    }
                    sendLoop(http, service, sender, receivers, seq, warmupEnd, end, measuredFrom, tally, done);
                });
    }

    private static List<ClientWebSocket> connectReceivers(Vertx vertx, URI service, int receivers, int devices,
                                                          Tally tally, AtomicLong measuredFrom) throws Exception {
        // Vert.x allows 50 WebSockets per server by default; the scenarios open thousands.
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
        List<ClientWebSocket> sockets = new ArrayList<>();
        List<CompletableFuture<?>> connecting = new ArrayList<>();
        for (int r = 0; r < receivers; r++) {
            long user = USER_BASE + r;
            for (int d = 0; d < devices; d++) {
                int deviceIndex = d;
                ClientWebSocket socket = client.webSocket();
                socket.textMessageHandler(text -> onFrame(text, user, deviceIndex, tally, measuredFrom));
                sockets.add(socket);
                connecting.add(socket.connect(new WebSocketConnectOptions().setHost(service.getHost())
                        .setPort(service.getPort()).setURI("/ws?id=" + user)
                        .addHeader("Authorization", "Bearer bench-" + user)).toCompletionStage().toCompletableFuture());
                if (connecting.size() % 200 == 0) { // do not open thousands at once
                    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        Thread.sleep(500); // let the ready frames pass
        return sockets;
    }

    private static void onFrame(String text, long user, int deviceIndex, Tally tally, AtomicLong measuredFrom) {
        long now = System.nanoTime();
        JsonObject frame = new JsonObject(text);
        if (!"message".equals(frame.getString("type"))) {
            return;
        }
        if (frame.getLong("receiverId") != user) {
            tally.misrouted.incrementAndGet();
            return;
        }
        String content = frame.getString("content");
        int bar = content.indexOf('|');
        long n = Long.parseLong(content.substring(0, bar));
        if (n >= measuredFrom.get()) {
            tally.delivered(n, deviceIndex, (now - Long.parseLong(content.substring(bar + 1))) / 1_000);
        }
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
