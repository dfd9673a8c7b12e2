package info.zemus.messaging.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The artifact the build left, jar or native executable, as {@code target/quarkus-artifact.properties} names
 * it (the file {@code @QuarkusIntegrationTest} reads too), for the tests that start service processes
 * themselves: what they prove then holds for what ships.
 */
public record PackagedArtifact(String type, Path path) {

    private static final Path TARGET = Path.of("target");

    /** Reads {@code target/quarkus-artifact.properties}; fails when the build left none (run {@code package}). */
    public static PackagedArtifact built() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("No target/quarkus-artifact.properties: package the service first", e);
        }
        String type = properties.getProperty("type");
        Path path = TARGET.resolve(properties.getProperty("path")).toAbsolutePath();
        if (!"jar".equals(type) && !"native".equals(type)) {
            throw new IllegalStateException("target/quarkus-artifact.properties names a " + type
                    + " artifact; the tests start a jar or a native executable");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("target/quarkus-artifact.properties names " + path + ", which is missing");
        }
        return new PackagedArtifact(type, path);
    }

    public boolean isNative() {
        return "native".equals(type);
    }

    /**
     * The command that starts it with these settings as system properties (both a JVM and a Quarkus native
     * executable read {@code -Dkey=value}).
     */
    public List<String> command(Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        if (isNative()) {
            command.add(path.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!isNative()) {
            command.addAll(List.of("-jar", path.toString()));
        }
        return command;
    }
}
