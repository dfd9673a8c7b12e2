package info.zemus.messaging.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a program it needs is not installed. On CI ({@code CI=true}, as {@code .ci/run} is
 * run) the machine is set up by {@code .ci/run}, so a missing program is a broken CI and the test fails. On a
 * developer's machine the test is skipped, with a line on standard error that stands out in the build output:
 * a skipped test looks too much like a passed one to stay quiet.
 */
public final class MissingTool {

    private MissingTool() {
    }

    /** True when the tests run on CI. */
    public static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /**
     * Fails (on CI) or skips the calling test or class, saying what is missing and what is therefore not
     * tested; never returns.
     */
    public static void skipOrFail(String whatIsMissing, String whatIsNotTested, String howToInstall) {
        String message = whatIsMissing + ": " + whatIsNotTested + " (" + howToInstall + ")";
        if (onCi()) {
            Assertions.fail(message + "; CI=true, where .ci/run installs it");
        }
        System.err.println("!!! " + message + " !!!");
        Assumptions.abort(message);
    }
}
