package info.zemus.messaging.push.fcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import info.zemus.messaging.push.Device;
import info.zemus.messaging.push.PushPayload;

import java.time.Duration;
import java.time.Instant;

/**
 * The FCM HTTP v1 request body for one device: the target ({@code token}, or {@code fid} for Firebase
 * installation ids), a generic alert (or the preview), the ids as {@code data}, and per platform the
 * priority, the time to live and the conversation as collapse key, so that a newer push of the same
 * conversation replaces the older one on the phone. {@code mutable-content} lets an iOS notification
 * extension fetch the text over our API. The unread total, when known, sets the icon badge (APNs {@code badge},
 * Android {@code notification_count}) and is in {@code data} as {@code unreadTotal}.
 */
final class FcmMessage {

    static final String TITLE = "Zemus";
    static final String GENERIC_BODY = "New message";

    private FcmMessage() {
    }

    static String body(Device device, PushPayload payload, ObjectMapper mapper) {
        long ttl = Math.max(0, Duration.between(Instant.now(), payload.expiresAt()).toSeconds());
        ObjectNode message = mapper.createObjectNode();
        message.put("fid".equals(device.tokenType()) ? "fid" : "token", device.token());
        message.putObject("notification").put("title", TITLE)
                .put("body", payload.preview() != null ? payload.preview() : GENERIC_BODY);
        ObjectNode data = message.putObject("data");
        payload.data().forEach(data::put);

        ObjectNode android = message.putObject("android")
                .put("priority", "HIGH")
                .put("ttl", ttl + "s")
                .put("collapse_key", payload.collapseKey());
        ObjectNode androidNotification = android.putObject("notification").put("tag", payload.collapseKey());
        if (payload.unreadTotal() != null) {
            androidNotification.put("notification_count", payload.unreadTotal());
        }

        ObjectNode apns = message.putObject("apns");
        apns.putObject("headers")
                .put("apns-priority", "10")
                .put("apns-push-type", "alert")
                .put("apns-expiration", Long.toString(payload.expiresAt().getEpochSecond()))
                .put("apns-collapse-id", payload.collapseKey());
        ObjectNode aps = apns.putObject("payload").putObject("aps")
                .put("mutable-content", 1)
                .put("thread-id", payload.conversationId())
                .put("sound", "default");
        if (payload.unreadTotal() != null) {
            aps.put("badge", payload.unreadTotal());
        }

        ObjectNode root = mapper.createObjectNode();
        root.set("message", message);
        return root.toString();
    }
}
