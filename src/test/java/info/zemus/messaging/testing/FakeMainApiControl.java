package info.zemus.messaging.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

    public static int authCalls() {
        return Integer.parseInt(call("/_fake/auth-calls"));
    }

    /** Runs the action with the fake in the given mode, then back to normal whatever happens. */
    public static void during(FakeMainApi.Mode mode, Runnable action) {
        mode(mode);
        try {
            action.run();
        } finally {
            mode(FakeMainApi.Mode.NORMAL);
        }
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
