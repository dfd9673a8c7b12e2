package info.zemus.messaging.push;

/**
 * The start of a message's text for a push preview. Cut on code points, never inside a surrogate pair
 * (half an emoji is invalid UTF-16, which FCM and APNs refuse or show as garbage).
 */
public final class TextPreview {

    static final String ELLIPSIS = "\u2026";

    private TextPreview() {
    }

    /** The text when it has at most {@code maxCodePoints}, else its first {@code maxCodePoints - 1} and "…". */
    public static String of(String text, int maxCodePoints) {
        if (maxCodePoints <= 0) {
            return "";
        }
        int length = text.codePointCount(0, text.length());
        if (length <= maxCodePoints) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxCodePoints - 1);
        return text.substring(0, end) + ELLIPSIS;
    }
}
