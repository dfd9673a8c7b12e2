package info.zemus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The service's resident memory (VmRSS), read from /proc by the pid that bench/run wrote. A JVM is first
 * asked for a full collection (jcmd GC.run), so that garbage left by the connections' handshakes is not
 * counted as their cost; a native binary, which jcmd cannot reach, is read as it is.
 */
final class ServiceMemory {

    private final long pid;

    private ServiceMemory(long pid) {
        this.pid = pid;
    }

    static ServiceMemory of(Path pidFile) throws IOException {
        return new ServiceMemory(Long.parseLong(Files.readString(pidFile).trim()));
    }

    long settledRssKiB() throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(1_000);
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("No VmRSS for process " + pid);
    }
}
