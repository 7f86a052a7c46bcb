package org.coordo.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cursor paging over any {@link Keyspace}, shared by the implementations. A cursor is the last key
 * of the previous page; the next page starts strictly after it (before it when reversed). A cursor
 * outside the prefix is harmless: it is clamped to the prefix range, which yields either the first
 * page or an empty one, never keys outside the prefix.
 */
public final class Paging {
  private Paging() {}

  /** How a backend scans [from, to) for one page (it may size its read for the page). */
  @FunctionalInterface
  public interface Scanner {
    KvIterator scan(byte[] from, byte[] to, boolean reverse);
  }

  public static Page<KvEntry> page(
      Keyspace keyspace, byte[] prefix, Cursor after, int limit, boolean reverse) {
    return page(keyspace::scan, prefix, after, limit, reverse);
  }

  public static Page<KvEntry> page(
      Scanner keyspace, byte[] prefix, Cursor after, int limit, boolean reverse) {
    if (limit < 1) {
      throw new IllegalArgumentException("page limit must be at least 1");
    }
    byte[] from = prefix;
    byte[] to = Keys.prefixEnd(prefix);
    if (after != null) {
      byte[] last = after.lastKey();
      if (reverse) {
        if (to == null || Keys.compare(last, to) < 0) {
          to = last;
        }
      } else {
        byte[] successor = Keys.successor(last);
        if (Keys.compare(successor, from) > 0) {
          from = successor;
        }
      }
    }
    List<KvEntry> items = new ArrayList<>(Math.min(limit, 1024));
    boolean more = false;
    if (to == null || Keys.compare(from, to) < 0) {
      try (KvIterator it = keyspace.scan(from, to, reverse)) {
        while (it.hasNext()) {
          KvEntry entry = it.next();
          if (items.size() == limit) {
            more = true;
            break;
          }
          items.add(entry);
        }
      }
    }
    Optional<Cursor> next =
        more ? Optional.of(new Cursor(items.get(items.size() - 1).key())) : Optional.empty();
    return new Page<>(List.copyOf(items), next);
  }
}
