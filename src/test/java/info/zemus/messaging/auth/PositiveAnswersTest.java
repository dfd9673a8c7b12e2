package info.zemus.messaging.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositiveAnswersTest {

    @Test
    void remembersPairsAndTokensSeparately() {
        PositiveAnswers answers = new PositiveAnswers(Duration.ofMinutes(1), 100, Duration.ZERO);
        answers.rememberFriends(1, 2);
        answers.rememberToken(1, BearerToken.of("secret"));

        assertTrue(answers.friends(1, 2));
        assertFalse(answers.friends(2, 1), "a pair is remembered in the direction it was asked");
        assertTrue(answers.tokenValid(1, BearerToken.of("secret")));
        assertFalse(answers.tokenValid(1, BearerToken.of("other")));
        assertFalse(answers.tokenValid(2, BearerToken.of("secret")), "a token is remembered for its user only");
    }

    @Test
    void staysBoundedAndKeepsCachingWhenMoreAnswersThanItsSizeAreAlive() {
        PositiveAnswers answers = new PositiveAnswers(Duration.ofMinutes(1), 1_000, Duration.ZERO);
        for (long friend = 1; friend <= 50_000; friend++) {
            answers.rememberFriends(7, friend + 1);
        }
        int remembered = 0;
        for (long friend = 1; friend <= 50_000; friend++) {
            remembered += answers.friends(7, friend + 1) ? 1 : 0;
        }
        assertTrue(remembered <= 1_100, "bounded near its maximum size, was " + remembered);
        // Full of live answers, it still takes new ones (the old hand-made map stopped caching here).
        answers.rememberFriends(8, 9);
        assertTrue(answers.friends(8, 9));
    }

    @Test
    void expiresAnswersAfterTheirTtl() throws InterruptedException {
        PositiveAnswers answers = new PositiveAnswers(Duration.ofMillis(50), 100, Duration.ZERO);
        answers.rememberFriends(1, 2);
        assertTrue(answers.friends(1, 2));
        Thread.sleep(120);
        assertFalse(answers.friends(1, 2));
    }

    @Test
    void aZeroTtlDisablesTheCache() {
        PositiveAnswers answers = new PositiveAnswers(Duration.ZERO, 100, Duration.ZERO);
        answers.rememberFriends(1, 2);
        assertFalse(answers.friends(1, 2));
        assertEquals(false, answers.tokenValid(1, BearerToken.of("secret")));
    }

    @Test
    void remembersARefusalForItsShortTtlOnly() {
        PositiveAnswers answers = new PositiveAnswers(Duration.ofMinutes(1), 100, Duration.ofMillis(50));
        BearerToken forged = BearerToken.of("forged");
        answers.rememberRefusal(1, forged);
        assertTrue(answers.tokenRefused(1, forged));
        assertFalse(answers.tokenRefused(2, forged), "per user");
        assertFalse(answers.tokenValid(1, forged));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !answers.tokenRefused(1, forged));
    }
}
