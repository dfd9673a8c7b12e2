package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Push notifications: the registered devices (how many per user, how long an unseen one is kept), when a
 * message is pushed, through which provider, what the push may say, and the queue in front of it.
 */
@ConfigMapping(prefix = "zemus.push")
public interface PushConfig {

    /** Where pushes go. */
    enum Provider {
        /** Firebase Cloud Messaging HTTP v1 (Android, iOS through APNs, web). */
        FCM,
        /** POST to a push gateway of our own, signed with HMAC-SHA256. */
        WEBHOOK,
        /** A log line per push, ids only: the default, so that nothing leaves the node unless configured. */
        LOG,
        /** No push at all, not even the device lookup. */
        NONE
    }

    /** What a push may reveal beyond ids. */
    enum Content {
        /** Ids and a generic alert: nothing about the message leaves for Google, Apple or a gateway. */
        IDS,
        /** Ids, and the first {@code preview-length} characters of the text. */
        PREVIEW
    }

    /** Devices kept per user; registering one more evicts the least recently seen. */
    @WithDefault("10")
    int maxDevicesPerUser();

    /** A device not registered again for this long is deleted by the pruner (its token is likely dead). */
    @WithDefault("60d")
    Duration staleDeviceAfter();

    /** How often the stale device pruner runs. */
    @WithDefault("6h")
    Duration pruneEvery();

    @WithDefault("log")
    Provider provider();

    @WithDefault("ids")
    Content content();

    /** Longest text preview, in Unicode code points (with {@code content=preview}). */
    @WithDefault("100")
    int previewLength();

    /**
     * A message handed to an open socket is pushed anyway when no device of its recipient said
     * {@code delivered} (nor {@code read}) within this time: the socket may belong to a phone gone to sleep.
     */
    @WithDefault("5s")
    Duration ackTimeout();

    /** At most one push per conversation (sender to recipient) within this time; the others are skipped. */
    @WithDefault("5s")
    Duration collapseInterval();

    /** A push not delivered to the provider within this time is given up; also its TTL at FCM and APNs. */
    @WithDefault("1h")
    Duration ttl();

    /** Pushes waiting for a sender; more are dropped (and counted): recovery by {@code since} still brings them. */
    @WithDefault("10000")
    int queueSize();

    /** Pushes in flight at once (each to every device of its recipient, retries included). */
    @WithDefault("8")
    int concurrency();

    /** Bound of one call to the provider (FCM, its token endpoint, or the webhook); then it is retried. */
    @WithDefault("10s")
    Duration sendTimeout();

    Retry retry();

    Fcm fcm();

    Webhook webhook();

    /** Backoff between attempts after a 5xx or a timeout, until the push's deadline ({@code ttl}). */
    interface Retry {
        /** Wait before the first retry; doubled at each attempt, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Cap of the wait between two attempts (a {@code Retry-After} from the provider is honoured as given). */
        @WithDefault("1m")
        Duration maxBackoff();
    }

    interface Fcm {
        /** The service-account key (JSON) downloaded from the Firebase console; required with {@code provider=fcm}. */
        Optional<String> credentialsFile();

        /** The Firebase project; by default the {@code project_id} of the key. */
        Optional<String> projectId();

        /** FCM's base URL (tests point it at a fake). */
        @WithDefault("https://fcm.googleapis.com")
        URI baseUrl();
    }

    interface Webhook {
        /** Where each push is POSTed; required with {@code provider=webhook}. */
        Optional<URI> url();

        /** Shared secret of the HMAC-SHA256 signature (at least 32 characters); required with {@code provider=webhook}. */
        Optional<String> secret();
    }
}
