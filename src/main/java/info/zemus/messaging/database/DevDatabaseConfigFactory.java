package info.zemus.messaging.database;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Points {@code ./mvnw quarkus:dev} at a PostgreSQL of its own ({@link DevDatabase}) when no datasource is
 * configured. A URL from the environment ({@code QUARKUS_DATASOURCE_REACTIVE_URL} or {@code ..._JDBC_URL}), a
 * system property, {@code .env} or a {@code %dev} line wins, and then nothing is started. Dev mode only: the tests
 * start theirs ({@code testing.TestPostgres}), and a packaged build runs in another mode, without the library.
 * It is a config source factory because the datasource's URL must be known before Flyway and the pool start.
 */
public class DevDatabaseConfigFactory implements ConfigSourceFactory {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    /** Where the dev database keeps its data, relative to the project; {@code ./mvnw clean} starts it afresh. */
    static final String DIR = "zemus.dev-database.dir";
    static final String DEFAULT_DIR = "target/dev-database";
    static final String DATABASE = "zemus";

    // Below application.properties (250), the environment (300) and system properties (400): any URL set there wins.
    private static final int ORDINAL = 200;

    // Named, not referenced, and not a constant: the native image, linked at build time without the embedded
    // server's library, must never reach DevDatabase (this factory is in it, and runs there, doing nothing).
    private static String starter = DevDatabaseConfigFactory.class.getPackageName() + ".DevDatabase";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean configured = isSet(context, REACTIVE_URL) || isSet(context, JDBC_URL);
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || configured) {
            return List.of();
        }
        String dir = context.getValue(DIR).getValue();
        String user = context.getValue("quarkus.datasource.username").getValue();
        int port = start(Path.of(dir == null ? DEFAULT_DIR : dir).toAbsolutePath(), user);
        return List.of(new PropertiesConfigSource(Map.of(
                REACTIVE_URL, "postgresql://127.0.0.1:" + port + "/" + DATABASE,
                JDBC_URL, "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE), "dev database", ORDINAL));
    }

    private static int start(Path dir, String user) {
        try {
            Method start = Class.forName(starter).getDeclaredMethod("start", Path.class, String.class, String.class);
            return (Integer) start.invoke(null, dir, user, DATABASE);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("No embedded PostgreSQL on the class path of dev mode", e);
        }
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        String value = context.getValue(name).getValue();
        return value != null && !value.isBlank();
    }
}
