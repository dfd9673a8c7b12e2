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

    private final long pid;

    private ServiceMemory(long pid) {
        this.pid = pid;
    }

    static ServiceMemory of(Path pidFile) throws IOException {
        return new ServiceMemory(Long.parseLong(Files.readString(pidFile).trim()));
    }

    /** Resident memory and live heap (0 when not a JVM), in KiB, after a full collection. */
    record Reading(long rssKiB, long heapKiB) {
    }

    Reading settled() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(1_000);
        Matcher used = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
        return new Reading(rssKiB(), used.find() ? Long.parseLong(used.group(1)) : 0);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
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
