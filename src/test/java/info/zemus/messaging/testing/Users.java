package info.zemus.messaging.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh user ids and their tokens for the fake main API, so that tests never share rows. */
public final class Users {

    private Users() {
    }

    public static long fresh() {
        return ThreadLocalRandom.current().nextLong(1_000_000L, 1L << 52);
    }

    /** A valid token of the user for the fake main API. */
    public static String token(long userId) {
        return "user-" + userId;
    }

    public static String bearer(long userId) {
        return "Bearer " + token(userId);
    }
}
