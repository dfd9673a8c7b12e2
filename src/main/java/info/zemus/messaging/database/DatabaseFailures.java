package info.zemus.messaging.database;

import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.logging.Log;

/** What a failed query becomes for the caller: a dependency down, not a bug, so a 503 (and a WARN line, never a stack). */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The 503 for a failed query ({@code what} names it in the log); an {@link ApiException} passes as it is. */
    public static Throwable unavailable(String what, Throwable failure) {
        if (failure instanceof ApiException) {
            return failure;
        }
        Log.warnf("%s failed: %s", what, failure.toString());
        return new ApiException(ErrorCode.DATABASE_UNAVAILABLE, "The database cannot be reached; retry later");
    }
}
