package org.coordo.federation.http;

import org.coordo.federation.JsonBodies;

import org.coordo.federation.BodyBudget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {

  @Test
  void refusesWhatWouldOverspendAndTakesItBackOnRelease() {
    BodyBudget budget = new BodyBudget(100);
    BodyBudget.Reservation a = budget.tryReserve(60);
    assertNotNull(a);
    assertNull(budget.tryReserve(41));
    assertEquals(1, budget.refused());
    BodyBudget.Reservation b = budget.tryReserve(40);
    assertNotNull(b);
    assertEquals(100, budget.inUse());
    a.release();
    assertEquals(40, budget.inUse());
    b.release();
    b.release(); // a second release by the same holder gives nothing back twice
    assertEquals(0, budget.inUse());
  }

  @Test
  void aBodyLargerThanTheWholeBudgetRunsAloneOnly() {
    BodyBudget budget = new BodyBudget(100);
    BodyBudget.Reservation alone = budget.tryReserve(1_000);
    assertNotNull(alone);
    assertEquals(100, alone.bytes());
    assertNull(budget.tryReserve(1));
    alone.release();
    BodyBudget.Reservation small = budget.tryReserve(1);
    assertNotNull(small);
    assertNull(budget.tryReserve(1_000));
  }

  @Test
  void bytesComeBackWhenTheLastHolderReleases() {
    BodyBudget budget = new BodyBudget(100);
    BodyBudget.Reservation r = budget.tryReserve(50).retain();
    r.release();
    assertEquals(50, budget.inUse());
    r.release();
    assertEquals(0, budget.inUse());
  }

  @Test
  void jsonBodiesCostTheirParsedFormBoundedByTheValueLimit() {
    assertEquals(3 * 1000, BodyBudget.costOf(1000, false));
    // small JSON: the densest document parses to about 20 times its size
    assertEquals(3 * 1000 + 24 * 1000, BodyBudget.costOf(1000, true));
    // large JSON: the text again plus at most MAX_VALUES values
    long mib = 1 << 20;
    assertEquals(3 * mib + mib + 100L * JsonBodies.MAX_VALUES, BodyBudget.costOf(mib, true));
    assertTrue(BodyBudget.chargedAsJson("application/activity+json"));
    assertTrue(BodyBudget.chargedAsJson("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""));
    assertTrue(BodyBudget.chargedAsJson("Application/JSON; charset=utf-8"));
    assertTrue(BodyBudget.chargedAsJson(null)); // a JSON route may read it all the same
    assertTrue(BodyBudget.chargedAsJson("text/plain"));
    assertFalse(BodyBudget.chargedAsJson("application/x-www-form-urlencoded"));
    assertFalse(BodyBudget.chargedAsJson("multipart/form-data; boundary=x"));
    assertFalse(BodyBudget.chargedAsJson("image/png"));
  }
}
