package info.zemus.messaging.push;

import info.zemus.messaging.config.PushConfig;
import info.zemus.messaging.message.Message;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds what a push says from a message, by {@code zemus.push.content}: ids only (the default: no text
 * leaves for Google, Apple or a gateway; the app fetches it over our API), or ids and a preview of the
 * text. The sender's name is not offered: this service knows user ids only, and the app has the names.
 */
@ApplicationScoped
public class PushPayloads {

    private final boolean preview;
    private final int previewLength;

    public PushPayloads(PushConfig config) {
        this.preview = config.content() == PushConfig.Content.PREVIEW;
        this.previewLength = config.previewLength();
    }

    public PushPayload of(PushJob job) {
        Message message = job.message();
        return new PushPayload(message.id(), message.senderId(), message.receiverId(), message.sentAt(),
                preview ? TextPreview.of(message.content(), previewLength) : null, job.unreadTotal(), job.deadline());
    }
}
