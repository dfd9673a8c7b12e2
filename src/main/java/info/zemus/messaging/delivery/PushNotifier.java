package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.UnreadCounts;

/** Reaches a recipient whose phone may not have the message: no open connection, or one gone quiet. */
public interface PushNotifier {

    /**
     * Called once per stored message after fan-out, with the number of the recipient's open connections on
     * this node it was handed to, and the recipient's unread counts right after it (or null: a push then has no
     * badge); decides whether and when to push. Must be O(1) and never block.
     *
     * @return whether a push was queued at once (never when push is off or the conversation was just pushed)
     */
    boolean handOver(Message message, UnreadCounts unread, int devicesReached);

    /**
     * Several nodes: called once per stored message when this node cannot know whether any of the
     * recipient's devices (maybe on another node) got it; push waits for an acknowledgement instead.
     */
    void handOverReachUnknown(Message message, UnreadCounts unread);
}
