package info.zemus.messaging.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.impl.driver.Driver;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A headless Chromium driven by Playwright, for the browser tests: Debian's {@code /usr/bin/chromium} when it is
 * installed, else Playwright's own headless Chromium, downloaded once into {@code ~/.cache/ms-playwright} where the
 * network allows. Without either, the test fails with one line saying what to install ({@link #NO_BROWSER}).
 * <p>
 * The system property {@value #PROPERTY} names another Chromium than {@code /usr/bin/chromium}; a path that does not
 * exist plays a machine without Debian's (e.g. {@code -Dzemus.test.chromium=/nowhere}).
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String PROPERTY = "zemus.test.chromium";
    public static final String NO_BROWSER = "No browser for the console test: install Debian's chromium "
            + "(apt-get install chromium) or let Playwright download its own (network to cdn.playwright.dev)";

    private static final String DEBIANS = "/usr/bin/chromium";
    // Playwright.create() would fetch Firefox and WebKit too, and wait up to 10 minutes: it is told never to
    // download, and only the headless shell is installed, below, with a bound of our own.
    private static final Map<String, String> NO_DOWNLOAD = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    private static final long INSTALL_MINUTES = 5;
    private static final Path INSTALL_LOG = Path.of("target", "playwright-install.log");
    // Without the background-networking flags, Chromium keeps trying hosts that a closed network refuses.
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static HeadlessChromium launch() {
        Path chromium = Path.of(System.getProperty(PROPERTY, DEBIANS));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(ARGS);
        if (Files.isExecutable(chromium)) {
            Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(NO_DOWNLOAD));
            return new HeadlessChromium(playwright, playwright.chromium().launch(options.setExecutablePath(chromium)));
        }
        System.err.println("!!! " + chromium + " not found: the browser tests use Playwright's own Chromium, "
                + "downloaded once into ~/.cache/ms-playwright (log: " + INSTALL_LOG + ") !!!");
        String failure = installPlaywrightsChromium();
        if (failure != null) {
            Assertions.fail(NO_BROWSER + "; the download " + failure + " (" + INSTALL_LOG + ")");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(NO_DOWNLOAD));
        try {
            return new HeadlessChromium(playwright, playwright.chromium().launch(options));
        } catch (PlaywrightException e) {
            playwright.close();
            String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new AssertionError(NO_BROWSER + "; Playwright's Chromium did not start: " + reason);
        }
    }

    public Browser browser() {
        return browser;
    }

    /**
     * Runs the driver's {@code install --only-shell chromium} (a no-op once the browser is in the cache); null when
     * it succeeded, else what went wrong.
     */
    private static String installPlaywrightsChromium() {
        ProcessBuilder install = Driver.ensureDriverInstalled(NO_DOWNLOAD, false).createProcessBuilder();
        install.command().addAll(List.of("install", "--only-shell", "chromium"));
        install.redirectErrorStream(true);
        try {
            Files.createDirectories(INSTALL_LOG.getParent());
            install.redirectOutput(INSTALL_LOG.toFile());
            Process process = install.start();
            if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                return "took over " + INSTALL_MINUTES + " minutes";
            }
            return process.exitValue() == 0 ? null : "failed";
        } catch (IOException e) {
            return "could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was interrupted";
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
