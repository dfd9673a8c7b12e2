package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** "Typing..." indicators: events between friends' devices, never stored. */
@ConfigMapping(prefix = "zemus.typing")
public interface TypingConfig {

    /**
     * Per sender and recipient, at most one {@code typing} frame of each state is passed on per interval; the rest
     * are dropped without an answer. An app may send "start" on every keystroke.
     */
    @WithDefault("2s")
    Duration minInterval();

    /**
     * How long a receiver shows the indicator after the last "start" it got (told in the frame as {@code expiresIn}),
     * so that a lost "stop" does no harm. An app typing for longer sends "start" again within it.
     */
    @WithDefault("6s")
    Duration expiresAfter();
}
