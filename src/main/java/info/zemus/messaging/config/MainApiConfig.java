package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How we talk to the Zemus main API, which owns users, tokens and friendships. */
@ConfigMapping(prefix = "zemus.main-api")
public interface MainApiConfig {

    /** Base URL of the main API, e.g. {@code https://api.zemus.info}. */
    @WithDefault("https://api.zemus.info")
    String url();

    /** Upper bound for one token or friendship check; past it the send fails closed with 503. */
    @WithDefault("2s")
    Duration timeout();

    /** Whether a send requires the recipient to be a friend of the sender (asked to the main API). */
    @WithDefault("true")
    boolean checkFriendship();
}
