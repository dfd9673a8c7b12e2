package info.zemus.messaging.push;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a push says, whatever the provider: ids, the conversation (its collapse key: one notification per
 * conversation on the phone), and a text preview only when {@code zemus.push.content=preview} (else null).
 * {@code unreadTotal} is the recipient's unread total right after the message (the app's icon badge; null when
 * not known), sent whatever {@code zemus.push.content} says: a count says nothing about any message, and Matrix's
 * most private push format ({@code event_id_only}) carries its counts too. {@code expiresAt} is the deadline: the
 * provider may drop the push after it.
 */
public record PushPayload(long messageId, long senderId, long receiverId, Instant sentAt, String preview,
                          Integer unreadTotal, Instant expiresAt) {

    /** The conversation as both apps know it: the two user ids, smaller first ({@code "12-40"}). */
    public String conversationId() {
        return Math.min(senderId, receiverId) + "-" + Math.max(senderId, receiverId);
    }

    /** Replaces an earlier notification of the same conversation (Android tag, APNs collapse id). */
    public String collapseKey() {
        return "zemus-" + conversationId();
    }

    /** The string map carried as FCM {@code data} and in the webhook body. */
    public Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", "message");
        data.put("messageId", Long.toString(messageId));
        data.put("senderId", Long.toString(senderId));
        data.put("receiverId", Long.toString(receiverId));
        data.put("conversationId", conversationId());
        data.put("sentAt", sentAt.toString());
        if (unreadTotal != null) {
            data.put("unreadTotal", Integer.toString(unreadTotal));
        }
        if (preview != null) {
            data.put("preview", preview);
        }
        return data;
    }

    @Override
    public String toString() {
        return "PushPayload[message " + messageId + ", " + senderId + " -> " + receiverId + "]";
    }
}
