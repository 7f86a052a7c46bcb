package org.coordo.server.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void anExcerptNeverCutsAnEmojiInHalf() {
    // Found by TextFuzzTest.plainText: a cut with no space to stop at kept the first half of a surrogate pair
    // (shown as '?' once encoded, e.g. in the summary Mastodon displays).
    assertEquals("…", PlainText.excerpt("🌻 rassemblement", 2));
    assertEquals("ab…", PlainText.excerpt("ab🌻cdefgh", 4));
    assertEquals("abc🌻…", PlainText.excerpt("abc🌻defgh", 6));
  }
}
