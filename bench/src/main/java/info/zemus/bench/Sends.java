package info.zemus.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The senders' POSTs. Each message carries its sequence number and its intended send time, so that the
 * receiving side can match it and time it; latencies run from the intended time, so an open loop that
 * falls behind counts its own lateness instead of hiding it (coordinated omission).
 *
 * <p>Who writes to whom: with {@code everyPair} false (the default), each sender writes to its own few friends,
 * about receivers / senders of them, and every receiver has a sender; as in a chat, the pairs repeat and the
 * service's answer cache knows them after their first message. With {@code everyPair} true, each sender
 * writes to every receiver in turn: senders x receivers pairs, each paying the main API once (first contacts).
 */
final class Sends {

    private final HttpClient http;
    private final URI service;
    private final int receivers;
    private final AtomicLong seq;
    private final long warmupEnd;
    private final AtomicLong measuredFrom;
    private final Tally tally;
    private final int senders;
    private final boolean everyPair;

    Sends(HttpClient http, URI service, int receivers, int senders, boolean everyPair, AtomicLong seq,
          long warmupEnd, AtomicLong measuredFrom, Tally tally) {
        this.senders = senders;
        this.everyPair = everyPair;
        this.http = http;
        this.service = service;
        this.receivers = receivers;
        this.seq = seq;
        this.warmupEnd = warmupEnd;
        this.measuredFrom = measuredFrom;
        this.tally = tally;
    }

    /** One sender sending its next message as soon as the previous one is answered, until {@code end}. */
    void closedLoop(long sender, long end, CompletableFuture<Void> done) {
        long now = System.nanoTime();
        if (now >= end) {
            done.complete(null);
            return;
        }
        send(sender, now, () -> closedLoop(sender, end, done));
    }

    /**
     * {@code rate} messages per second from {@code senders} users in turn, whether or not earlier sends were
     * answered; completes when every send issued before {@code end} is answered. A thread of its own paces
     * the sends: an event loop's timer fired 1.3 to 1.7 ms late at the median here, which the latencies
     * (counted from the intended time) would have charged to the service.
     */
    CompletableFuture<Void> openLoop(int rate, long start, long end) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicLong unanswered = new AtomicLong(1); // 1 until every send is issued
        Runnable answered = () -> {
            if (unanswered.decrementAndGet() == 0) {
                done.complete(null);
            }
        };
        Thread pacer = new Thread(() -> {
            try {
                for (long k = 0; ; k++) {
                    long intended = start + k * 1_000_000_000L / rate;
                    if (intended >= end) {
                        break;
                    }
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    unanswered.incrementAndGet();
                    send(LoadGenerator.USER_BASE + receivers + (k % senders), intended, answered);
                }
                answered.run();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "open-loop-pacer");
        pacer.setDaemon(true);
        pacer.start();
        return done;
    }

    private int receiverIndex(long senderIndex, long n) {
        if (everyPair) {
            return (int) (n % receivers);
        }
        long friendsEach = (receivers + senders - 1) / senders;
        return (int) ((senderIndex + senders * (n % friendsEach)) % receivers);
    }

    private void send(long sender, long intendedNanos, Runnable then) {
        long n = seq.incrementAndGet();
        boolean measured = intendedNanos >= warmupEnd;
        if (measured) {
            measuredFrom.accumulateAndGet(n, Math::min);
            tally.sent.incrementAndGet();
            tally.lag.recordValue(Math.max(0, (System.nanoTime() - intendedNanos) / 1_000));
        }
        long receiver = LoadGenerator.USER_BASE + receiverIndex(sender - LoadGenerator.USER_BASE - receivers, n);
        String body = "{\"message\":\"" + n + "|" + intendedNanos + "\"}";
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(service.getHost())
                .setPort(service.getPort()).setURI("/users/" + sender + "/friends/" + receiver + "/message")
                .putHeader("Authorization", "Bearer bench-" + sender).putHeader("Content-Type", "application/json");
        http.request(request)
                .compose(r -> r.send(Buffer.buffer(body)).compose(response -> response.body().map(b -> response.statusCode())))
                .onComplete(result -> {
                    if (measured) {
                        tally.http.recordValue(Math.max(0, (System.nanoTime() - intendedNanos) / 1_000));
                        if (result.succeeded() && result.result() == 201) {
                            tally.accepted.incrementAndGet();
                            tally.acceptedSeqs.put(n, Boolean.TRUE);
                        } else {
                            tally.refused.incrementAndGet();
                        }
                    }
                    then.run();
                });
    }
}
