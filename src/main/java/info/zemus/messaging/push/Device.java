package info.zemus.messaging.push;

import info.zemus.messaging.observability.Secrets;

import java.time.Instant;

/**
 * An app installation of a user that receives pushes. {@link #toString()} masks the token: a push token
 * lets anyone holding our provider credentials reach the phone, so it never goes to a log line.
 */
public record Device(String installationId, long userId, String platform, String token, String tokenType,
                     String locale, Instant createdAt, Instant lastSeenAt) {

    @Override
    public String toString() {
        return "Device[" + installationId + ", user " + userId + ", " + platform + ", token "
                + Secrets.mask(token) + "]";
    }
}
