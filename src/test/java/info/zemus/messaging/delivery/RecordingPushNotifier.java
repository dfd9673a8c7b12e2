package info.zemus.messaging.delivery;

import info.zemus.messaging.message.Message;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Replaces the logging notifier in {@code @QuarkusTest}s to see what would have been pushed. */
@ApplicationScoped
public class RecordingPushNotifier implements PushNotifier {

    private final List<Message> pushed = new CopyOnWriteArrayList<>();

    @Override
    public void notifyOffline(Message message) {
        pushed.add(message);
    }

    public boolean pushedMessage(long messageId) {
        return pushed.stream().anyMatch(message -> message.id() == messageId);
    }
}
