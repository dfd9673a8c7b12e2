package info.zemus.messaging.lifecycle;

import info.zemus.messaging.config.MainApiConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Settings that are right for a developer and wrong for users, checked when a packaged build starts. A dev or
 * test profile chosen at run time ({@code QUARKUS_PROFILE=dev}) would bring their defaults into production (the
 * dev database password, no friendship check): the node refuses to start. A friendship check turned off on
 * purpose is allowed, but said at WARN with the setting's name, since any user can then write to any user.
 */
@ApplicationScoped
class SafeConfiguration {

    private static final List<String> DEVELOPER_PROFILES = List.of("dev", "test");

    private final MainApiConfig mainApi;

    SafeConfiguration(MainApiConfig mainApi) {
        this.mainApi = mainApi;
    }

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // quarkus:dev and the @QuarkusTest suites run their own profiles on purpose
        }
        List<String> profiles = ConfigUtils.getProfiles();
        for (String profile : DEVELOPER_PROFILES) {
            if (profiles.contains(profile)) {
                throw Refusal.toStart("The runtime profile '" + profile + "' (QUARKUS_PROFILE or quarkus.profile)"
                        + " is for developers and tests only: a production build does not start with it");
            }
        }
        if (!mainApi.checkFriendship()) {
            Log.warn("zemus.main-api.check-friendship (ZEMUS_MAIN_API_CHECK_FRIENDSHIP) is false: any user can send"
                    + " messages to any other user, friend or not");
        }
    }
}
