package org.coordo.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void bigEndianLongsCompareLikeTheNumbers() {
    Random random = new Random(42);
    List<Long> values = new ArrayList<>(List.of(0L, 1L, 255L, 256L, 65_535L, 65_536L, Long.MAX_VALUE));
    for (int i = 0; i < 1000; i++) {
      values.add(random.nextLong() & Long.MAX_VALUE);
    }
    for (long a : values) {
      for (int i = 0; i < 5; i++) {
        long b = values.get(random.nextInt(values.size()));
        assertEquals(Integer.signum(Long.compare(a, b)), Integer.signum(Keys.compare(Keys.longBE(a), Keys.longBE(b))));
      }
      assertEquals(a, Keys.readLong(Keys.longBE(a), 0));
    }
    assertTrue(Keys.compare(Keys.longBE(255), Keys.longBE(256)) < 0);
  }

  @Test
  void intsRoundTrip() {
    for (int v : new int[] {0, 1, 255, 256, Integer.MAX_VALUE, -1}) {
      assertEquals(v, Keys.readInt(Keys.intBE(v), 0));
    }
    assertTrue(Keys.compare(Keys.intBE(255), Keys.intBE(256)) < 0);
  }

  @Test
  void prefixEndIsTheSmallestKeyAfterThePrefix() {
    assertArrayEquals(new byte[] {1, 3}, Keys.prefixEnd(new byte[] {1, 2}));
    assertArrayEquals(new byte[] {2}, Keys.prefixEnd(new byte[] {1, (byte) 0xFF}));
    assertArrayEquals(new byte[] {1, 1}, Keys.prefixEnd(new byte[] {1, 0, (byte) 0xFF, (byte) 0xFF}));
    assertNull(Keys.prefixEnd(new byte[] {(byte) 0xFF, (byte) 0xFF}));
    assertNull(Keys.prefixEnd(new byte[0]));
    byte[] prefix = {5, (byte) 0xFF};
    byte[] end = Keys.prefixEnd(prefix);
    assertTrue(Keys.compare(new byte[] {5, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, end) < 0);
    assertTrue(Keys.compare(new byte[] {6}, end) >= 0);
  }

  @Test
  void textPartsWithSeparatorDoNotInterleave() {
    byte[] ab = Keys.concat(Keys.utf8z("ab"), Keys.longBE(Long.MAX_VALUE));
    byte[] abc = Keys.concat(Keys.utf8z("abc"), Keys.longBE(0));
    assertTrue(Keys.compare(ab, abc) < 0);
    assertFalse(Keys.startsWith(abc, Keys.utf8z("ab")));
    assertEquals("abc", Keys.readUtf8(abc, 0));
    assertEquals(0L, Keys.readLong(abc, "abc".length() + 1));
    assertThrows(IllegalArgumentException.class, () -> Keys.utf8z("a\0b"));
  }

  @Test
  void concatAndSuccessor() {
    assertArrayEquals(new byte[] {1, 2, 3}, Keys.concat(new byte[] {1}, new byte[0], new byte[] {2, 3}));
    assertArrayEquals(new byte[] {1, 0}, Keys.successor(new byte[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Keys.readLong(new byte[4], 0));
  }
}
