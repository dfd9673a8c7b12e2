package info.zemus.messaging.auth;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Accepts {@code dev-<id>} as a token of user {@code <id>}, so that developers can use the service
 * without the main API. The bean only exists in builds for the dev and test profiles: a prod build packages
 * the class but removes the bean at build time, so no setting can turn it on there (ProdRefusesDevTokensIT).
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class DevTokens {

    static final String PREFIX = "dev-";

    /** True when the token is a dev token of that user. */
    public boolean accepts(long userId, BearerToken token) {
        return token.value().equals(PREFIX + userId);
    }
}
