package info.zemus.messaging.delivery;

/** UTF-8 sizes without encoding: what a text frame will weigh on the wire. */
final class Utf8 {

    private Utf8() {
    }

    /** Bytes of {@code text} in UTF-8; a lone surrogate counts 3, an upper bound (encoders write 1 to 3). */
    static long length(CharSequence text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // a pair: one code point beyond the BMP
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
