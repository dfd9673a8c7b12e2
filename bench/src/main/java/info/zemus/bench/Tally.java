package info.zemus.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run saw: every send by sequence number, the devices each message reached (a bit per device of
 * its recipient), and the latencies, in microseconds.
 */
final class Tally {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong misrouted = new AtomicLong();
    final Map<Long, Boolean> acceptedSeqs = new ConcurrentHashMap<>();
    final Map<Long, AtomicInteger> reached = new ConcurrentHashMap<>();
    final Histogram http = new ConcurrentHistogram(60_000_000L, 3);
    final Histogram delivery = new ConcurrentHistogram(60_000_000L, 3);
    /** How late the generator itself issued each send after its intended time (open loop): pgbench's schedule lag. */
    final Histogram lag = new ConcurrentHistogram(60_000_000L, 3);

    private ServiceMemory.Reading memoryBefore = new ServiceMemory.Reading(0, 0);
    private ServiceMemory.Reading memoryAfter = memoryBefore;
    private int connections;
    private CpuUse.Snapshot cpuFrom;
    private CpuUse.Snapshot cpuTo;

    /** The service's memory before and after {@code connections} more opened. */
    void memory(ServiceMemory.Reading before, ServiceMemory.Reading after, int connections) {
        this.memoryBefore = before;
        this.memoryAfter = after;
        this.connections = connections;
    }

    /** CPU counters at the start and the end of the measured window. */
    void cpu(CpuUse.Snapshot from, CpuUse.Snapshot to) {
        this.cpuFrom = from;
        this.cpuTo = to;
    }

    void delivered(long seq, int deviceIndex, long latencyMicros) {
        AtomicInteger mask = reached.computeIfAbsent(seq, ignored -> new AtomicInteger());
        int bit = 1 << deviceIndex;
        if ((mask.getAndUpdate(m -> m | bit) & bit) != 0) {
            duplicates.incrementAndGet();
        }
        delivery.recordValue(Math.max(0, latencyMicros));
    }

    /** The table and the JSON line of a run. */
    String report(String scenario, int devicesPerReceiver, double seconds, int rate) {
        long lost = 0;
        long partial = 0;
        long complete = 0;
        int full = (1 << devicesPerReceiver) - 1;
        for (Long seq : acceptedSeqs.keySet()) {
            AtomicInteger mask = reached.get(seq);
            int bits = mask == null ? 0 : mask.get();
            if (bits == 0) {
                lost++;
            } else if (bits != full) {
                partial++;
            } else {
                complete++;
            }
        }
        double throughput = seconds > 0 ? accepted.get() / seconds : 0;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "scenario %s: %.1f s%n", scenario, seconds));
        out.append(String.format(Locale.ROOT, "  sent %d, accepted %d, refused %d, delivered %d, lost %d, partial %d, "
                + "duplicates %d, misrouted %d%n", sent.get(), accepted.get(), refused.get(), complete, lost, partial,
                duplicates.get(), misrouted.get()));
        out.append(String.format(Locale.ROOT, "  throughput %.0f msg/s%s%n", throughput,
                rate > 0 ? String.format(Locale.ROOT, " (open loop, offered %d msg/s)", rate) : ""));
        double perConnection = connections == 0 ? 0 : (memoryAfter.rssKiB() - memoryBefore.rssKiB()) / (double) connections;
        double heapPerConnection = connections == 0 ? 0
                : (memoryAfter.heapKiB() - memoryBefore.heapKiB()) / (double) connections;
        if (connections > 0) {
            out.append(String.format(Locale.ROOT, "  memory: RSS %d KiB before, %d KiB after %d more connections: %.1f KiB "
                            + "per connection (live heap %d -> %d KiB: %.1f KiB per connection)%n", memoryBefore.rssKiB(),
                    memoryAfter.rssKiB(), connections, perConnection, memoryBefore.heapKiB(), memoryAfter.heapKiB(),
                    heapPerConnection));
        }
        String[] cpu = cpuFrom == null ? new String[] {"", "{}"} : CpuUse.between(cpuFrom, cpuTo, accepted.get());
        out.append(cpu[0]);
        out.append("  latency (ms)      p50      p90      p99     p999      max\n");
        out.append(row("  HTTP 201      ", http));
        out.append(row("  send->deliver ", delivery));
        if (rate > 0) {
            out.append(row("  of which lag  ", lag));
        }
        out.append(String.format(Locale.ROOT, "{\"scenario\":\"%s\",\"seconds\":%.1f,\"sent\":%d,\"accepted\":%d,\"refused\":%d,"
                        + "\"delivered\":%d,\"lost\":%d,\"partial\":%d,\"duplicates\":%d,\"misrouted\":%d,\"throughput\":%.0f,"
                        + "\"rate\":%d,\"connections\":%d,\"rssBeforeKiB\":%d,\"rssAfterKiB\":%d,\"kibPerConnection\":%.1f,"
                        + "\"heapBeforeKiB\":%d,\"heapAfterKiB\":%d,\"heapKibPerConnection\":%.1f,"
                        + "\"http\":%s,\"delivery\":%s,\"lag\":%s,\"cpu\":%s}%n", scenario, seconds, sent.get(), accepted.get(), refused.get(), complete,
                lost, partial, duplicates.get(), misrouted.get(), throughput, rate, connections, memoryBefore.rssKiB(),
                memoryAfter.rssKiB(), perConnection, memoryBefore.heapKiB(), memoryAfter.heapKiB(), heapPerConnection,
                json(http), json(delivery), json(lag), cpu[1]));
        return out.toString();
    }

    private static String row(String label, Histogram h) {
        return String.format(Locale.ROOT, "%s %8.2f %8.2f %8.2f %8.2f %8.2f%n", label, ms(h, 50), ms(h, 90), ms(h, 99),
                ms(h, 99.9), h.getMaxValue() / 1000.0);
    }

    private static String json(Histogram h) {
        return String.format(Locale.ROOT, "{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}",
                ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
