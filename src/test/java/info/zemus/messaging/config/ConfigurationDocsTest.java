package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings.ConfigClass;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One source for every default: the {@code @ConfigMapping} interfaces. docs/CONFIGURATION.md and env/example.env
 * are copies written for people; this test reads the mappings as SmallRye Config does and fails on any difference in
 * name, default or presence, so that a default changed in one place cannot drift from the others. Plain JUnit: no
 * application starts, it runs in a second.
 */
class ConfigurationDocsTest {

    private static final Path DOC_FILE = Path.of("docs/CONFIGURATION.md");
    private static final Path ENV_FILE = Path.of("env/example.env");
    private static final Path PROPERTIES_FILE = Path.of("src/main/resources/application.properties");

    /** A row of a settings table: | `property` | `VARIABLE` | default | meaning |. */
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`((?:zemus|quarkus)\\.[^`]+)`\\s*\\|\\s*`([^`]*)`\\s*\\|([^|]*)\\|.*");
    /** A variable of example.env, set or commented out. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^(#?)([A-Z][A-Z0-9_]*)=(.*)$");
    /** "Default: 5s." or "Defaults: 5 and 30." in the comment above one or more variables. */
    private static final Pattern DEFAULT_IN_COMMENT = Pattern.compile("\\bDefaults?: (.*)$");

    private static final Map<String, String> CODE = codeProperties();
    private static final Map<String, Row> DOCS = docRows();
    private static final Map<String, Assignment> ENV = exampleEnv();
    private static final Properties PROPERTIES = applicationProperties();

    @Test
    void everyPropertyOfTheCodeIsDocumentedWithItsDefault() {
        List<String> failures = new ArrayList<>();
        CODE.forEach((name, codeDefault) -> {
            Row row = DOCS.get(name);
            if (row == null) {
                failures.add(name + " (default " + shown(codeDefault) + ") is missing from " + DOC_FILE);
            } else if (!same(codeDefault, row.defaultValue())) {
                failures.add(name + ": the code's default is " + shown(codeDefault) + ", " + DOC_FILE + " says "
                        + shown(row.defaultValue()));
            }
        });
        assertNone(failures);
    }

    @Test
    void theDocumentationNamesOnlyPropertiesThatExistWithTheirVariables() {
        List<String> failures = new ArrayList<>();
        DOCS.forEach((name, row) -> {
            if (name.startsWith("zemus.") && !CODE.containsKey(name)) {
                failures.add(DOC_FILE + " line " + row.line() + " documents " + name + ", which no @ConfigMapping has");
            }
            if (!row.variable().equals(variable(name))) {
                failures.add(DOC_FILE + " line " + row.line() + ": the variable of " + name + " is " + variable(name)
                        + ", not " + row.variable());
            }
        });
        assertNone(failures);
    }

    @Test
    void exampleEnvHasEveryPropertyOfTheCodeWithItsDefault() {
        List<String> failures = new ArrayList<>();
        CODE.forEach((name, codeDefault) -> {
            Assignment assignment = ENV.get(variable(name));
            if (assignment == null) {
                failures.add(name + " (" + variable(name) + ", default " + shown(codeDefault) + ") is missing from "
                        + ENV_FILE);
            } else if (codeDefault == null && !assignment.commented()) {
                failures.add(ENV_FILE + " line " + assignment.line() + " sets " + assignment.name()
                        + ", which has no default: comment it out, the value is an example");
            } else if (codeDefault != null && !codeDefault.equals(assignment.value())) {
                failures.add(name + ": the code's default is " + shown(codeDefault) + ", " + ENV_FILE + " line "
                        + assignment.line() + " says " + shown(assignment.value()));
            }
        });
        assertNone(failures);
    }

    @Test
    void exampleEnvNamesOnlyDocumentedSettingsWithTheirDefaults() {
        Map<String, String> documentedVariables = new TreeMap<>();
        DOCS.forEach((name, row) -> documentedVariables.put(row.variable(), name));
        List<String> failures = new ArrayList<>();
        ENV.values().forEach(assignment -> {
            String name = documentedVariables.get(assignment.name());
            if (name == null) {
                String lacking = assignment.name().startsWith("ZEMUS_") ? "no @ConfigMapping has"
                        : DOC_FILE + " does not document";
                failures.add(ENV_FILE + " line " + assignment.line() + " sets " + assignment.name() + ", which "
                        + lacking);
                return;
            }
            String documented = DOCS.get(name).defaultValue();
            if (documented != null && !documented.equals(assignment.value())) {
                failures.add(name + ": " + DOC_FILE + " says " + shown(documented) + ", " + ENV_FILE + " line "
                        + assignment.line() + " says " + shown(assignment.value()));
            }
        });
        assertNone(failures);
    }

    @Test
    void exampleEnvCommentsSayTheSameDefaults() {
        List<String> failures = new ArrayList<>();
        for (Run run : commentedRuns()) {
            List<String> expected = run.assignments().stream().map(a -> documentedDefault(a.name())).toList();
            if (expected.stream().allMatch(d -> d == null)) {
                continue; // "Default: random.", "No default.": words, not values
            }
            List<String> said = run.defaults();
            if (said.size() != expected.size()) {
                failures.add(ENV_FILE + " line " + run.assignments().get(0).line() + ": the comment gives "
                        + said.size() + " default(s) " + said + " for " + run.assignments().size() + " variable(s)");
                continue;
            }
            for (int i = 0; i < said.size(); i++) {
                if (expected.get(i) != null && !expected.get(i).equals(said.get(i))) {
                    Assignment assignment = run.assignments().get(i);
                    failures.add(assignment.name() + ": the default is " + shown(expected.get(i)) + ", the comment "
                            + "above " + ENV_FILE + " line " + assignment.line() + " says " + shown(said.get(i)));
                }
            }
        }
        assertNone(failures);
    }

    @Test
    void quarkusSettingsAreDocumentedWithTheValueTheServiceSets() {
        List<String> failures = new ArrayList<>();
        DOCS.forEach((name, row) -> {
            if (!name.startsWith("quarkus.") || row.defaultValue() == null) {
                return;
            }
            // Production's value: the plain key, else the prod profile's; Quarkus's own default when neither.
            String set = PROPERTIES.getProperty(name, PROPERTIES.getProperty("%prod." + name));
            if (set != null && !set.equals(row.defaultValue())) {
                failures.add(name + ": " + PROPERTIES_FILE + " sets " + shown(set) + ", " + DOC_FILE + " says "
                        + shown(row.defaultValue()));
            }
        });
        assertNone(failures);
    }

    @Test
    void applicationPropertiesRepeatsNoDefaultAndOverridesOnlyRealProperties() {
        List<String> failures = new ArrayList<>();
        for (String key : new TreeMap<>(PROPERTIES).keySet().stream().map(String::valueOf).toList()) {
            String name = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (!name.startsWith("zemus.")) {
                continue;
            }
            if (!CODE.containsKey(name)) {
                failures.add(PROPERTIES_FILE + " sets " + key + ", which no @ConfigMapping has");
            } else if (key.equals(name)) {
                failures.add(PROPERTIES_FILE + " sets " + key + "=" + PROPERTIES.getProperty(key)
                        + ": its default lives in the @ConfigMapping (" + shown(CODE.get(name))
                        + "); only profile overrides belong here");
            }
        }
        assertNone(failures);
    }

    @Test
    void findsTheMappings() {
        // Guards the scan itself: an empty scan would make every test above pass.
        assertTrue(CODE.containsKey("zemus.main-api.url") && CODE.containsKey("zemus.push.retry.max-backoff")
                && CODE.containsKey("zemus.broker.nats.timeout"), () -> "scanned: " + CODE.keySet());
    }

    /** Every property of every {@code @ConfigMapping} of the main code, with its default (null: none). */
    private static Map<String, String> codeProperties() {
        Map<String, String> all = new TreeMap<>();
        for (Class<?> mapping : mappings()) {
            // The same reading SmallRye Config makes at start-up: prefix, nested groups, kebab-case names.
            all.putAll(ConfigClass.configClass(mapping).getProperties());
        }
        return all;
    }

    /** The {@code @ConfigMapping} interfaces among the compiled main classes, wherever their package. */
    private static List<Class<?>> mappings() {
        Path classes;
        try {
            classes = Path.of(MainApiConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                // The annotation's descriptor is in the class file's constant pool: the other classes are never loaded.
                if (!new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                        .contains("Lio/smallrye/config/ConfigMapping;")) {
                    continue;
                }
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        ConfigurationDocsTest.class.getClassLoader());
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    found.add(type);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A settings table's row; the default is the leading code span of its cell, null when the cell has none. */
    private record Row(String variable, String defaultValue, int line) {
    }

    private static Map<String, Row> docRows() {
        Map<String, Row> rows = new TreeMap<>();
        List<String> lines = lines(DOC_FILE);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String cell = m.group(3).trim();
            String defaultValue = cell.startsWith("`") ? cell.substring(1, cell.indexOf('`', 1)) : null;
            if (rows.put(m.group(1), new Row(m.group(2), defaultValue, i + 1)) != null) {
                fail(DOC_FILE + " line " + (i + 1) + " documents " + m.group(1) + " a second time");
            }
        }
        return rows;
    }

    private record Assignment(String name, boolean commented, String value, int line) {
    }

    /** Variables that follow one comment, and the defaults that comment gives ("Defaults: 5 and 30."). */
    private record Run(List<String> defaults, List<Assignment> assignments) {
    }

    private static Map<String, Assignment> exampleEnv() {
        Map<String, Assignment> assignments = new LinkedHashMap<>();
        List<String> lines = lines(ENV_FILE);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ASSIGNMENT.matcher(lines.get(i));
            if (m.matches() && assignments.put(m.group(2),
                    new Assignment(m.group(2), !m.group(1).isEmpty(), m.group(3), i + 1)) != null) {
                fail(ENV_FILE + " line " + (i + 1) + " sets " + m.group(2) + " a second time");
            }
        }
        return assignments;
    }

    /** example.env cut into comments and the variables right below each, for the defaults the comments state. */
    private static List<Run> commentedRuns() {
        List<Run> runs = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        List<Assignment> assignments = new ArrayList<>();
        List<String> lines = lines(ENV_FILE);
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            Matcher m = ASSIGNMENT.matcher(line);
            if (m.matches()) {
                assignments.add(new Assignment(m.group(2), !m.group(1).isEmpty(), m.group(3), i + 1));
                continue;
            }
            if (!assignments.isEmpty() || line.isBlank()) {
                if (!assignments.isEmpty()) {
                    runs.add(new Run(defaultsIn(comment), List.copyOf(assignments)));
                }
                comment.clear();
                assignments.clear();
            }
            if (line.startsWith("#")) {
                comment.add(line);
            }
        }
        return runs;
    }

    private static List<String> defaultsIn(List<String> comment) {
        for (String line : comment) {
            Matcher m = DEFAULT_IN_COMMENT.matcher(line);
            if (m.find()) {
                String said = m.group(1).trim();
                said = said.endsWith(".") ? said.substring(0, said.length() - 1) : said;
                said = said.replaceAll("\\s*\\([^)]*\\)", ""); // "false (true in dev mode and tests)"
                // "5 and 30", "2s, 6s", "0.0.0.0 (all)": the first word of each part.
                return Arrays.stream(said.split(", | and ")).map(part -> part.trim().split("\\s+")[0]).toList();
            }
        }
        return List.of();
    }

    /** The default of a variable: the code's for zemus.*, this page's for the Quarkus settings; null when none. */
    private String documentedDefault(String variable) {
        for (Map.Entry<String, Row> row : DOCS.entrySet()) {
            if (row.getValue().variable().equals(variable)) {
                return CODE.containsKey(row.getKey()) ? CODE.get(row.getKey()) : row.getValue().defaultValue();
            }
        }
        return null;
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES_FILE)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable of a property, as SmallRye Config maps them: FOO_BAR_BAZ for foo.bar-baz. */
    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String shown(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }

    private static void assertNone(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " difference(s):\n  " + String.join("\n  ", failures));
        }
    }
}
