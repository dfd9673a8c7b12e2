package info.zemus.messaging.broker;

import info.zemus.messaging.delivery.Broker;
import info.zemus.messaging.delivery.PresenceEvent;
import info.zemus.messaging.delivery.ReceiptEvent;
import info.zemus.messaging.delivery.TypingEvent;
import info.zemus.messaging.message.Message;
import info.zemus.messaging.message.UnreadCounts;
import io.smallrye.mutiny.Uni;

/** One node: every socket is here, nothing leaves the process. Each call is a no-op. */
final class LocalBroker implements Broker {

    private static final Uni<Void> FOLLOWING = Uni.createFrom().voidItem();

    @Override
    public void messageStored(Message message, UnreadCounts unread) {
    }

    @Override
    public void receiptsRecorded(ReceiptEvent receipts) {
    }

    @Override
    public void typing(TypingEvent event) {
    }

    @Override
    public void presence(PresenceEvent event) {
    }

    @Override
    public Uni<Void> follow(long userId) {
        return FOLLOWING;
    }

    @Override
    public void unfollow(long userId) {
    }

    @Override
    public String deployment() {
        return "local";
    }

    @Override
    public boolean spansNodes() {
        return false;
    }

    @Override
    public boolean connected() {
        return true;
    }
}
