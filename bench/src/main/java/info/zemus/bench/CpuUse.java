package info.zemus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine's CPU went during the measured window, from /proc: the service (every process running
 * the packaged jar, so both nodes of a two-node run), PostgreSQL, this generator, nats-server, the rest, and
 * what the hypervisor took (steal). Throughput on a shared 2-core machine says little without it: a scenario
 * whose generator needs more CPU leaves less to the service, and a noisy neighbour shows up as steal.
 */
final class CpuUse {

    /** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux x86). */
    private static final double HZ = 100;
    private static final String[] GROUPS = {"service", "postgres", "generator", "nats", "other"};

    /** CPU seconds per group, and the machine's totals, at one instant. */
    record Snapshot(long nanos, Map<String, Double> seconds, double busy, double idle, double steal) {
    }

    private CpuUse() {
    }

    static Snapshot now() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : GROUPS) {
            seconds.put(group, 0.0);
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"), StandardCharsets.ISO_8859_1);
                    // comm is in parentheses and may hold spaces: the fields after it are counted from its end.
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / HZ; // utime + stime
                    String group = group(Long.parseLong(process.getFileName().toString()), self, comm, process);
                    seconds.merge(group, cpu, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return new Snapshot(System.nanoTime(), seconds, 0, 0, 0);
        }
        String[] cpu = firstLine(Path.of("/proc/stat")).trim().split("\\s+");
        double user = ticks(cpu, 1) + ticks(cpu, 2);
        double system = ticks(cpu, 3) + ticks(cpu, 6) + ticks(cpu, 7);
        double idle = ticks(cpu, 4) + ticks(cpu, 5);
        double steal = ticks(cpu, 8);
        return new Snapshot(System.nanoTime(), seconds, user + system, idle, steal);
    }

    /** The share of the machine (all cores) each group used between two snapshots, as a text line and JSON. */
    static String[] between(Snapshot from, Snapshot to, long accepted) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        double capacity = wall * Runtime.getRuntime().availableProcessors();
        StringBuilder text = new StringBuilder("  cpu (share of all cores; ms per 1,000 messages):");
        StringBuilder json = new StringBuilder("{");
        for (String group : GROUPS) {
            double used = to.seconds().get(group) - from.seconds().get(group);
            text.append(String.format(Locale.ROOT, " %s %.0f%% (%.0f)", group, 100 * used / capacity,
                    accepted == 0 ? 0 : 1e6 * used / accepted));
            json.append(String.format(Locale.ROOT, "\"%s\":%.3f,", group, used / capacity));
        }
        double total = (to.busy() - from.busy()) + (to.idle() - from.idle()) + (to.steal() - from.steal());
        double idle = total == 0 ? 0 : (to.idle() - from.idle()) / total;
        double steal = total == 0 ? 0 : (to.steal() - from.steal()) / total;
        text.append(String.format(Locale.ROOT, "; idle %.0f%%, steal %.0f%%%n", 100 * idle, 100 * steal));
        json.append(String.format(Locale.ROOT, "\"idle\":%.3f,\"steal\":%.3f}", idle, steal));
        return new String[] {text.toString(), json.toString()};
    }

    private static String group(long pid, long self, String comm, Path process) throws IOException {
        if (pid == self) {
            return "generator";
        }
        if (comm.startsWith("postgres")) {
            return "postgres";
        }
        if (comm.startsWith("nats-server")) {
            return "nats";
        }
        if (comm.equals("java")) {
            String cmdline = Files.readString(process.resolve("cmdline"), StandardCharsets.ISO_8859_1);
            if (cmdline.contains("quarkus-run.jar")) {
                return "service";
            }
        }
        // The native executable: comm is cut to 15 characters ("zemus-messaging"), so read its command line.
        String command = Files.readString(process.resolve("cmdline"), StandardCharsets.ISO_8859_1).split("\0", 2)[0];
        if (command.endsWith("-runner")) {
            return "service";
        }
        return "other";
    }

    private static double ticks(String[] fields, int index) {
        return index < fields.length ? Long.parseLong(fields[index]) / HZ : 0;
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException e) {
            return "cpu 0 0 0 0 0 0 0 0";
        }
    }
}
