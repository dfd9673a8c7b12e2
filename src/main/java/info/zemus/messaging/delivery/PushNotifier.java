package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Message;

/** Reaches a recipient who has no open connection (a phone asleep, an app closed). */
public interface PushNotifier {

    /** Called once per message whose recipient had no open connection; must not block. */
    void notifyOffline(Message message);
}
