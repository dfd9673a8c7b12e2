package info.zemus.messaging.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test {

    @Test
    void countsTheBytesOfTheUtf8Encoding() {
        for (String text : new String[] {"", "Salut !", "héhé", "Ελληνικά", "日本語のテキスト", "ok 👍🏽 ok", "{\"content\":\"ça\"}"}) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text), text);
        }
    }

    @Test
    void countsALoneSurrogateAsItsReplacement() {
        String lone = "a\uD83Db"; // a high surrogate without its pair: counted as 3 bytes, an upper bound
        assertEquals(5, Utf8.length(lone));
    }
}
