package info.zemus.messaging.console;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.HeadlessChromium;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real headless Chromium ({@link HeadlessChromium}: Debian's, else Playwright's own), against the
 * service of this test run: each user is a separate browser context, i.e. a separate browser profile. Waits are
 * Playwright assertions, which poll until the page shows the expected state or fail after 10 s with
 * what the page showed instead.
 */
@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class ConsoleBrowserTest {

    private static final Path SCREENSHOT = Paths.get("target", "console", "console-two-users.png");

    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL root;

    @TestHTTPResource("/console/")
    URL console;

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();
    private final List<BrowserContext> contexts = new ArrayList<>();
    /** Script errors, failed loads and CSP violations of every page: a working console logs none. */
    private final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void launchChromium() {
        chromium = HeadlessChromium.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void closePagesAndCheckTheyRanCleanly() {
        contexts.forEach(BrowserContext::close);
        assertEquals(List.of(), pageErrors, "errors in the console page");
    }

    @Test
    void showsAMessageSentFromOnePageLiveOnTheOtherWithItsDeliveryState() throws IOException {
        Page alicePage = connectedConsole(newTab(), alice);
        Page bobPage = connectedConsole(newTab(), bob);
        // Markup in a message is text: shown as typed, never parsed.
        String text = "Salut Bob <b>pas du HTML</b> <img src=x> & co";

        send(alicePage, bob, text);

        Locator atBob = message(bobPage, text);
        assertThat(atBob).hasAttribute("data-direction", "in");
        assertThat(atBob.getByTestId("message-content")).hasText(text);
        assertEquals(0, atBob.locator(".content *").count(), "markup of the message became elements");
        Locator atAlice = message(alicePage, text);
        assertThat(atAlice).hasAttribute("data-direction", "out");
        // Bob's page acknowledged it on arrival: Alice's page gets the receipt.
        assertThat(atAlice.getByTestId("message-state")).hasText("delivered");
        assertThat(atBob.getByTestId("message-state")).hasText("delivered");

        bobPage.getByTestId("mark-read").click();

        assertThat(atAlice.getByTestId("message-state")).hasText("read");
        assertThat(atBob.getByTestId("message-state")).hasText("read");
        assertThat(bobPage.getByTestId("mark-read")).isDisabled();
        given().header("Authorization", Users.bearer(alice))
                .get("/users/{id}/friends/{friendId}/messages", alice, bob)
                .then().statusCode(200)
                .body("messages[0].content", equalTo(text))
                .body("messages[0].deliveredAt", notNullValue())
                .body("messages[0].readAt", notNullValue());

        Files.createDirectories(SCREENSHOT.getParent());
        bobPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT).setFullPage(true));
        assertTrue(Files.size(SCREENSHOT) > 0);
    }

    @Test
    void showsAFriendTypingUntilTheMessageComes() {
        Page alicePage = connectedConsole(newTab(), alice);
        Page bobPage = connectedConsole(newTab(), bob);
        alicePage.getByTestId("friend-id").fill(Long.toString(bob));
        alicePage.getByTestId("message-text").pressSequentially("Tu es l");

        assertThat(bobPage.getByTestId("typing")).isVisible();
        assertThat(bobPage.getByTestId("typing")).hasText(alice + " is typing…");

        alicePage.getByTestId("message-text").pressSequentially("à ?");
        alicePage.getByTestId("send").click();
        assertThat(message(bobPage, "Tu es là ?")).hasAttribute("data-direction", "in");
        assertThat(bobPage.getByTestId("typing")).isHidden();
    }

    @Test
    void twoUsersSeeUnreadBadgesAndPresenceChange() {
        Page alicePage = connectedConsole(newTab(), alice);
        alicePage.getByTestId("friend-id").fill(Long.toString(bob));
        alicePage.getByTestId("friend-id").dispatchEvent("change"); // as when leaving the field
        assertThat(alicePage.getByTestId("friend-presence")).hasText(bob + " offline, never seen");

        Page bobPage = connectedConsole(newTab(), bob);
        assertThat(alicePage.getByTestId("friend-presence")).hasText(bob + " online");
        assertThat(alicePage.getByTestId("friend-presence")).hasAttribute("data-state", "online");

        send(bobPage, alice, "un");
        assertThat(message(alicePage, "un")).hasAttribute("data-direction", "in");
        send(bobPage, alice, "deux");
        assertThat(alicePage.getByTestId("unread-total")).hasText("2");
        assertThat(alicePage.getByTestId("friend-unread")).hasText("2");
        assertThat(bobPage.getByTestId("unread-total")).hasText("0");

        alicePage.getByTestId("mark-read").click();
        assertThat(alicePage.getByTestId("unread-total")).hasText("0");
        assertThat(alicePage.getByTestId("friend-unread")).hasText("0");

        bobPage.getByTestId("disconnect").click();
        // After zemus.presence.offline-after (2 s in tests) without a new socket of Bob's.
        assertThat(alicePage.getByTestId("friend-presence")).containsText(bob + " offline, last seen");
    }

    @Test
    void showsTheUsersOwnMessagesSentFromAnotherTab() {
        BrowserContext aliceBrowser = newContext();
        Page sendingTab = connectedConsole(aliceBrowser.newPage(), alice);
        Page otherTab = connectedConsole(aliceBrowser.newPage(), alice);

        send(sendingTab, bob, "from my first tab");

        Locator mirrored = message(otherTab, "from my first tab");
        assertThat(mirrored).hasAttribute("data-direction", "out");
        // Bob has no device: nothing moves it past "sent", and the sending tab says it went to push.
        assertThat(mirrored.getByTestId("message-state")).hasText("sent");
        assertThat(message(sendingTab, "from my first tab")).containsText("pushed");
    }

    @Test
    void reconnectsWithSinceAndShowsWhatItMissed() {
        Page alicePage = connectedConsole(newTab(), alice);
        Page bobPage = connectedConsole(newTab(), bob);
        send(alicePage, bob, "before the break");
        assertThat(message(bobPage, "before the break").getByTestId("message-state")).hasText("delivered");

        bobPage.getByTestId("disconnect").click();
        assertThat(bobPage.getByTestId("connection-state")).hasAttribute("data-state", "closed");
        assertThat(bobPage.getByTestId("close-code")).hasText("1000");
        send(alicePage, bob, "while you were away");
        Locator missed = message(alicePage, "while you were away");
        assertThat(missed.getByTestId("message-state")).hasText("sent");

        bobPage.getByTestId("reconnect").click();

        assertThat(bobPage.getByTestId("connection-state")).hasAttribute("data-state", "open");
        assertThat(message(bobPage, "while you were away")).hasAttribute("data-direction", "in");
        assertThat(bobPage.getByTestId("log")).containsText("recovered 1 message(s)");
        // The replayed message was acknowledged too: the state moves on Alice's page.
        assertThat(missed.getByTestId("message-state")).hasText("delivered");
        assertThat(bobPage.getByTestId("message")).hasCount(2);
    }

    @Test
    void showsTheProblemDocumentOfARefusedSend() {
        Page alicePage = connectedConsole(newTab(), alice);

        send(alicePage, alice, "to myself");

        assertThat(alicePage.getByTestId("send-error")).isVisible();
        assertThat(alicePage.getByTestId("send-error")).hasText(Pattern.compile("^400 self_message: "));
        assertThat(alicePage.getByTestId("message")).hasCount(0);

        send(alicePage, bob, "to Bob instead");
        assertThat(alicePage.getByTestId("send-error")).isHidden();
        assertThat(alicePage.getByTestId("message")).hasCount(1);
        // Chromium logs the 400 of the fetch itself; that one is expected.
        pageErrors.removeIf(error -> error.contains("status of 400"));
    }

    @Test
    void showsARefusedUpgradeAsClosed() {
        Page page = console(newTab());
        page.getByTestId("user-id").fill(Long.toString(alice));
        page.getByTestId("token").fill(Users.token(bob));
        page.getByTestId("connect").click();

        // A refused upgrade is no socket: the browser only reports 1006.
        assertThat(page.getByTestId("connection-state")).hasAttribute("data-state", "closed");
        assertThat(page.getByTestId("close-code")).hasText("1006");
        assertThat(page.getByTestId("reconnect")).isEnabled();
        // Chromium logs the failed handshake itself; that one is expected.
        pageErrors.removeIf(error -> error.contains("WebSocket connection to"));
    }

    @Test
    void sendsABrowserAtTheRootToTheConsole() {
        Page page = newTab();
        page.navigate(root.toString());
        assertThat(page).hasURL(console.toString());
        assertThat(page.getByTestId("connection-state")).hasText("idle");
    }

    private BrowserContext newContext() {
        BrowserContext context = chromium.browser().newContext();
        contexts.add(context);
        return context;
    }

    private Page newTab() {
        return newContext().newPage();
    }

    private Page console(Page page) {
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                pageErrors.add(message.text());
            }
        });
        page.onPageError(error -> pageErrors.add(error));
        page.navigate(console.toString());
        assertThat(page.locator("html")).hasAttribute("data-console", "ready");
        return page;
    }

    /** Opens the console as the user and waits until the server registered the connection. */
    private Page connectedConsole(Page page, long user) {
        console(page);
        page.getByTestId("user-id").fill(Long.toString(user));
        page.getByTestId("token").fill(Users.token(user));
        page.getByTestId("connect").click();
        assertThat(page.getByTestId("connection-state")).hasAttribute("data-state", "open");
        return page;
    }

    private static void send(Page page, long friend, String text) {
        page.getByTestId("friend-id").fill(Long.toString(friend));
        page.getByTestId("message-text").fill(text);
        page.getByTestId("send").click();
    }

    /** The one message showing this text; Playwright assertions on it fail if there are two. */
    private static Locator message(Page page, String text) {
        return page.getByTestId("message").filter(new Locator.FilterOptions().setHasText(text));
    }
}
