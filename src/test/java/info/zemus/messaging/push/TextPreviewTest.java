package info.zemus.messaging.push;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextPreviewTest {

    @Test
    void keepsAShortTextWhole() {
        assertEquals("Salut !", TextPreview.of("Salut !", 7));
    }

    @Test
    void cutsALongTextWithAnEllipsisWithinTheLimit() {
        assertEquals("Salu\u2026", TextPreview.of("Salut !", 5));
    }

    @Test
    void neverSplitsASurrogatePair() {
        // "a😀b😀c": 5 code points, 7 chars. A cut at 3 chars would leave half an emoji.
        String preview = TextPreview.of("a😀b😀c", 4);
        assertEquals("a😀b\u2026", preview);
        assertEquals(4, preview.codePointCount(0, preview.length()));
    }

    @Test
    void givesNothingForALimitOfZero() {
        assertEquals("", TextPreview.of("anything", 0));
    }
}
