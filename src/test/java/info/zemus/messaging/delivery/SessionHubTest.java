package info.zemus.messaging.delivery;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub's bookkeeping under concurrent connects and disconnects of the same users. */
class SessionHubTest {

    @Test
    void loosesNoRegistrationUnderConcurrentConnectsAndDisconnects() throws Exception {
        SessionHub hub = new SessionHub();
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<DeviceSession>>> kept = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            kept.add(pool.submit(() -> {
                start.await();
                List<DeviceSession> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    // Sessions without a connection object are enough for the hub's bookkeeping.
                    DeviceSession session = new DeviceSession(1 + (i % 3), null, null, Long.MAX_VALUE,
                            (ignored, frame) -> Uni.createFrom().voidItem(), 1);
                    hub.register(session);
                    if (i % 2 == 0) {
                        hub.unregister(session);
                    } else {
                        mine.add(session);
                    }
                }
                return mine;
            }));
        }
        start.countDown();
        int expected = 0;
        for (Future<List<DeviceSession>> future : kept) {
            for (DeviceSession session : future.get()) {
                assertTrue(hub.devicesOf(session.userId()).contains(session));
                expected++;
            }
        }
        pool.shutdown();
        assertEquals(expected, hub.devicesOf(1).size() + hub.devicesOf(2).size() + hub.devicesOf(3).size());

        for (Future<List<DeviceSession>> future : kept) {
            future.get().forEach(hub::unregister);
        }
        assertEquals(0, hub.usersOnline());
        assertTrue(hub.devicesOf(1).isEmpty());
    }
}
