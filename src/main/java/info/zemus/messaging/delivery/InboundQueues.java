package info.zemus.messaging.delivery;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sizes the queue that websockets-next keeps per connection for frames waiting on the one being handled (serial
 * inbound processing, which keeps a device's frames in order). It is a Mutiny queue of Mutiny's small buffer size:
 * 256 slots by default, a kilobyte on every idle connection (docs/BENCHMARKS.md, S4). A device sends a few frames at
 * a time, and the queue grows by chunks when more wait, so Mutiny's minimum chunk is enough. Nothing of ours uses
 * Mutiny's buffered {@code Multi} operators, the only other users of that size. A {@code -Dmutiny.buffer-size.s}
 * given to the process still wins.
 */
@ApplicationScoped
class InboundQueues {

    /** Mutiny's minimum for its small buffers. */
    static final int CHUNK = 16;

    void size(@Observes StartupEvent event) {
        Infrastructure.setBufferSizeS(CHUNK);
    }
}
