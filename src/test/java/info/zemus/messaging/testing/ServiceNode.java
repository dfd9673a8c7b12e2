package info.zemus.messaging.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One process of the packaged artifact (jar or native executable, see {@link PackagedArtifact}) on a free port, for tests with several nodes: started with the given
 * settings as system properties, its output in {@code target/<name>.out}.
 */
public final class ServiceNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port;
    private final Process process;

    private ServiceNode(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts the artifact; call {@link #awaitReady()} before using it. */
    public static ServiceNode start(String name, Map<String, String> config) {
        int port = freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.http.port", Integer.toString(port));
        settings.put("quarkus.log.file.path", "target/" + name + ".log");
        settings.put("zemus.broker.node-id", name);
        settings.putAll(config);
        List<String> command = PackagedArtifact.built().command(settings);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/" + name + ".out")).start();
            return new ServiceNode(name, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceNode awaitReady() {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited: see target/" + name + ".out");
            }
            return readiness() == 200;
        });
        return this;
    }

    /** The HTTP status of {@code /q/health/ready}. */
    public int readiness() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Waits for the process to end by itself (a start that fails); its exit status. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + within + ": see target/" + name + ".out");
        }
        return process.exitValue();
    }

    /** What the process wrote on its console so far. */
    public String output() throws IOException {
        return Files.readString(Path.of("target", name + ".out"));
    }

    /** Kills the process at once (SIGKILL), as a crash: no drain, no close frames. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
