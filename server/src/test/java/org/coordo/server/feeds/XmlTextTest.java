package org.coordo.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class XmlTextTest {
  @Test
  void keepsWhatXmlAllows() {
    String ok = "tab\tline\ncr\r é 😀 <&>";
    assertSame(ok, XmlText.clean(ok));
    assertNull(XmlText.clean(null));
  }

  @Test
  void dropsControlsLoneSurrogatesAndNonCharacters() {
    assertEquals("abcdef", XmlText.clean("a\u0000b\u001Fc\uD800d\uDC00e\uFFFEf\uFFFF"));
    assertEquals("x😀", XmlText.clean("x\uDE00😀\uD83D"));
  }

  @Test
  void icsTextKeepsLineBreaksAsNewlines() {
    assertEquals("a\nb\nc\td", IcsText.clean("a\r\nb\rc\td\u007F\u0001"));
  }
}
