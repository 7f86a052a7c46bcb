package org.coordo.storage.queue;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Job ids sort in creation order, within one millisecond too, and carry their creation time. */
class JobIdsTest {
  /** A clock whose time the test sets. */
  private static final class SetClock extends Clock {
    final AtomicLong millis = new AtomicLong();

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @Test
  void idsOfOneMillisecondSortInCreationOrder() {
    SetClock clock = new SetClock();
    clock.millis.set(1_780_000_000_000L);
    JobIds ids = new JobIds(clock, new Random(7));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      made.add(ids.get());
    }
    clock.millis.addAndGet(1);
    made.add(ids.get());
    clock.millis.addAndGet(-5); // the clock steps back: still after the last id
    made.add(ids.get());
    List<String> sorted = new ArrayList<>(made);
    sorted.sort(null);
    assertEquals(made, sorted, "creation order is sort order");
    assertEquals(made.size(), new HashSet<>(made).size(), "unique");
    for (String id : made) {
      assertEquals(JobIds.LENGTH, id.length());
      assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
    }
    assertEquals(1_780_000_000_000L, JobIds.millisOf(made.get(0)));
    assertEquals(1_780_000_000_001L, JobIds.millisOf(made.get(5_000)));
  }

  @Test
  void theFirstIdOfAMillisecondIsRandom() {
    SetClock clock = new SetClock();
    JobIds a = new JobIds(clock, new Random(1));
    JobIds b = new JobIds(clock, new Random(2));
    assertNotEquals(a.get(), b.get(), "two generators in one millisecond do not collide");
  }

  @Test
  void theLowBitsCarryIntoTheHighOnes() {
    SetClock clock = new SetClock();
    // a Random whose first long is -1 (all 80 low bits but the top ones set): the next id carries
    Random allOnes = new Random() {
      @Override
      public long nextLong() {
        return -1L;
      }

      @Override
      public int nextInt(int bound) {
        return 5;
      }
    };
    JobIds ids = new JobIds(clock, allOnes);
    String first = ids.get();
    String second = ids.get();
    assertTrue(first.compareTo(second) < 0, first + " then " + second);
    assertEquals(JobIds.millisOf(first), JobIds.millisOf(second));
  }
}
