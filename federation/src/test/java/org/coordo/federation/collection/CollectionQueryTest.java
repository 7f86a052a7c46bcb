package org.coordo.federation.collection;

import org.coordo.federation.vocab.CollectionQuery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coordo.federation.FederationException;
import org.coordo.storage.Cursor;
import org.junit.jupiter.api.Test;

class CollectionQueryTest {

  @Test
  void noParameterMeansTheCollectionDocument() {
    CollectionQuery q = CollectionQuery.parse(null, null, null);
    assertFalse(q.page());
    assertNull(q.cursor());
    assertEquals(CollectionQuery.DEFAULT_LIMIT, q.limit());
  }

  @Test
  void pageTrueOrACursorMeansAPage() {
    assertTrue(CollectionQuery.parse("true", null, null).page());
    assertFalse(CollectionQuery.parse("false", null, null).page());
    String cursor = new Cursor(new byte[] {1, 2, (byte) 0xff}).encode();
    CollectionQuery q = CollectionQuery.parse(null, cursor, "5");
    assertTrue(q.page());
    assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, q.cursor().lastKey());
    assertEquals(5, q.limit());
  }

  @Test
  void limitIsCappedAndValidated() {
    assertEquals(CollectionQuery.MAX_LIMIT, CollectionQuery.parse("true", null, "5000").limit());
    assertEquals(400, assertThrows(FederationException.class, () -> CollectionQuery.parse("true", null, "0")).status());
    assertEquals(400, assertThrows(FederationException.class, () -> CollectionQuery.parse("true", null, "x")).status());
  }

  @Test
  void badCursorIsA400() {
    for (String bad : new String[] {"", "!!!", "a b", "abc=", "A"}) {
      FederationException e = assertThrows(FederationException.class, () -> CollectionQuery.parse(null, bad, null), bad);
      assertEquals(400, e.status());
    }
  }
}
