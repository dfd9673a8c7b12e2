package info.zemus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's resident memory (VmRSS), read from /proc by the pid that bench/run wrote, and for a JVM its
 * live heap. A JVM is first asked for a full collection (jcmd GC.run), so that garbage left by the
 * connections' handshakes is not counted as their cost; a native binary, which jcmd cannot reach, gives its
 * resident memory only.
 */
final class ServiceMemory {

    // G1 prints one total for the heap, the serial collector one per generation.
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern GENERATION_USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    private final long pid;
    private final Path histograms;

    private ServiceMemory(long pid, Path histograms) {
        this.pid = pid;
        this.histograms = histograms;
    }

    /** With {@code histograms}, each reading also writes the live objects by class there (for a diff). */
    static ServiceMemory of(Path pidFile, Path histograms) throws IOException {
        return new ServiceMemory(Long.parseLong(Files.readString(pidFile).trim()), histograms);
    }

    /** Resident memory and live heap (0 when not a JVM), in KiB, after a full collection. */
    record Reading(long rssKiB, long heapKiB) {
    }

    Reading settled(String label) throws IOException, InterruptedException {
        if (!isJvm()) {
            // jcmd would send a native executable SIGQUIT, which prints a thread dump and stalls it: not asked.
            Thread.sleep(1_000);
            return new Reading(rssKiB(), 0);
        }
        jcmd("GC.run");
        Thread.sleep(1_000);
        String heapInfo = jcmd("GC.heap_info");
        long heapKiB = 0;
        Matcher heap = HEAP_USED.matcher(heapInfo);
        if (heap.find()) {
            heapKiB = Long.parseLong(heap.group(1));
        } else {
            for (Matcher generation = GENERATION_USED.matcher(heapInfo); generation.find(); ) {
                heapKiB += Long.parseLong(generation.group(1));
            }
        }
        if (histograms != null) {
            Files.writeString(histograms.resolve("histogram-" + label + ".txt"), jcmd("GC.class_histogram"));
        }
        return new Reading(rssKiB(), heapKiB);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private boolean isJvm() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString().equals("java");
    }

    private long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("No VmRSS for process " + pid);
    }
}
