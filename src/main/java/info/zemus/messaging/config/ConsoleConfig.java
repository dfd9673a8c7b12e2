package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The browser console at {@code /console/}: a tool for developers, off in production unless asked for. */
@ConfigMapping(prefix = "zemus.console")
public interface ConsoleConfig {

    /**
     * Whether {@code /console/} is served and a browser at {@code /} is sent there. Off, the console's
     * files answer 404 and {@code /} answers the plain-text route list to everyone.
     */
    @WithDefault("false")
    boolean enabled();
}
