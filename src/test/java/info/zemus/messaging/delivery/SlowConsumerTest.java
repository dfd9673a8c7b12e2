package info.zemus.messaging.delivery;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HttpSender;
import info.zemus.messaging.testing.Users;
import info.zemus.messaging.testing.WsDevice;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outbound queues bounded to 64 KiB: a device that stops reading is cut off, others are not slowed. */
@QuarkusTest
@WithTestResource(value = FakeMainApiResource.class,
        initArgs = @ResourceArg(name = FakeMainApiResource.QUEUE_ARG, value = "small"))
class SlowConsumerTest {

    private static final int MESSAGES = 5_000;

    private final HttpSender http = new HttpSender();

    @Test
    void aClientThatStopsReadingIsClosedWith1013AndOthersGetEverything() throws Exception {
        // The frozen phone is the sender's own device: it gets a copy of each of the 5,000 messages
        // (multi-device sync), 10 MB in all, while the busy user's two devices read them all.
        long frozenUser = Users.fresh();
        long busyUser = Users.fresh();
        WsDevice frozen = WsDevice.connect(frozenUser, Users.token(frozenUser));
        frozen.stopReading();
        try (WsDevice busyPhone = WsDevice.connect(busyUser, Users.token(busyUser));
             WsDevice busyTablet = WsDevice.connect(busyUser, Users.token(busyUser))) {
            String big = "x".repeat(2_000);
            Set<Long> forBusy = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> sends = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                sends.add(pool.submit(() -> {
                    for (int i = thread; i < MESSAGES; i += 8) {
                        HttpResponse<String> response = http.send(frozenUser, busyUser, i + " " + big);
                        assertEquals(201, response.statusCode(), response.body());
                        forBusy.add(new JsonObject(response.body()).getLong("id"));
                    }
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
            pool.shutdown();
            assertEquals(MESSAGES, forBusy.size());

            for (WsDevice device : List.of(busyPhone, busyTablet)) {
                Set<Long> got = new HashSet<>();
                while (got.size() < forBusy.size()) {
                    assertTrue(got.add(device.next("message").getLong("id")), "duplicate delivery");
                }
                assertEquals(forBusy, got);
                assertNull(device.closeCode());
            }
            // The frozen phone wakes up: it finds what was queued before the cut, then the 1013 close.
            frozen.resumeReading();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                frozen.drain();
                return frozen.closeCode() != null;
            });
            assertEquals(Disconnect.SLOW_CONSUMER.code(), frozen.closeCode());
        }
    }
}
