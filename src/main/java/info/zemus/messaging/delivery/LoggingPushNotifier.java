package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Message;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder until real push exists: records, with ids only, that a push would have been sent. */
@ApplicationScoped
@DefaultBean
public class LoggingPushNotifier implements PushNotifier {

    @Override
    public void notifyOffline(Message message) {
        Log.infof("Push: message %d for offline user %d from %d", message.id(), message.receiverId(), message.senderId());
    }
}
