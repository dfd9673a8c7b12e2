package info.zemus.messaging.testing;

import java.io.IOException;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Steers the {@link FakeMainApi} of this test run over HTTP. */
public final class FakeMainApiControl {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private FakeMainApiControl() {
    }

    public static void mode(FakeMainApi.Mode mode) {
        call("/_fake/mode/" + mode.name());
    }

    /** Makes two users not friends (both directions). */
    public static void unfriend(long a, long b) {
        call("/_fake/unfriend/" + a + "/" + b);
    }

    /** Drops every database connection of the service and refuses new ones (needs database=proxied). */
    public static void cutDatabase() {
        call("/_fake/db/cut");
    }

    public static void restoreDatabase() {
        call("/_fake/db/restore");
    }

    /** Makes every token of the user invalid from now on. */
    public static void revoke(long user) {
        call("/_fake/revoke/" + user);
    }

    /** The Authorization header of the user's last token check, as the fake main API received it. */
    public static String lastAuthorization(long user) {
        return call("/_fake/last-authorization/" + user);
    }

    public static int authCalls() {
        return Integer.parseInt(call("/_fake/auth-calls"));
    }

    /**
     * Runs the action with the fake in the given mode, then back to normal whatever happens, and waits
     * until the service accepts token checks again: the failures may have opened its circuit breaker,
     * which must not leak into the next test.
     */
    public static void during(FakeMainApi.Mode mode, Runnable action) {
        mode(mode);
        try {
            action.run();
        } finally {
            mode(FakeMainApi.Mode.NORMAL);
            awaitHealed();
        }
    }

    /** Waits until a token check of a fresh user succeeds (the breaker is closed again). */
    public static void awaitHealed() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long user = Users.fresh();
            return given().header("Authorization", Users.bearer(user))
                    .get("/users/{id}/friends/{friendId}/messages", user, Users.fresh()).statusCode() == 200;
        });
    }

    private static String call(String path) {
        String base = System.getProperty(FakeMainApiResource.URL_PROPERTY);
        if (base == null) {
            throw new IllegalStateException("The fake main API is not started");
        }
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Fake main API control " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
