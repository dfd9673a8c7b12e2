package info.zemus.messaging.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A nats-server of the test's own on a free port, which a test stops and starts again (same port) to play a
 * broker outage. Needs {@code nats-server} at {@link #BINARY} or on the PATH: without one, {@link #binaryOrSkip()}
 * skips the test loudly on a developer's machine and fails it on CI ({@link MissingTool}).
 */
public final class NatsServer implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/nats-server";

    private final String binary;
    private final int port;
    private Process process;

    private NatsServer(String binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** The binary to run, or null when there is none here. */
    private static String binary() {
        if (new File(BINARY).canExecute()) {
            return BINARY;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "nats-server");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    /** The binary to run; without one, skips the calling test class (fails it on CI) and never returns. */
    public static String binaryOrSkip() {
        String binary = binary();
        if (binary == null) {
            MissingTool.skipOrFail("nats-server not found (" + BINARY + " or on the PATH)",
                    "the nats broker is NOT tested", "apt-get install nats-server");
        }
        return binary;
    }

    public static NatsServer start(String binary) {
        NatsServer server = new NatsServer(binary, ServiceNode.freePort());
        server.startAgain();
        return server;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public void startAgain() {
        try {
            process = new ProcessBuilder(List.of(binary, "-a", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(new File("target/nats-server-" + port + ".out")).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            }
        });
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops it at once (SIGKILL): every client loses its connection. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
