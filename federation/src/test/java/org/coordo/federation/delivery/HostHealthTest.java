package org.coordo.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostHealthTest {
  @TempDir Path dir;
  final MutableClock clock = MutableClock.fixed();

  private RocksKvStore open() {
    return TestStores.openRocks(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
  }

  @Test
  void hostFailingForMoreThanThreeDaysIsUnavailableUntilASuccess() {
    try (RocksKvStore store = open()) {
      HostHealth health = new HostHealth(store, clock, Duration.ofDays(3));
      health.load();
      health.recordFailure("masto.example", "500");
      clock.advance(Duration.ofDays(3));
      health.recordFailure("masto.example", "503");
      assertFalse(health.isUnavailable("masto.example"), "exactly three days: not yet");
      clock.advance(Duration.ofMinutes(1));
      assertTrue(health.isUnavailable("masto.example"));
      assertEquals(List.of("masto.example"), health.unavailableHosts());
      assertEquals(2, health.failingHosts().get(0).failures());

      assertTrue(health.recordSuccess("masto.example"), "it was unavailable");
      assertFalse(health.isUnavailable("masto.example"));
      assertTrue(health.failingHosts().isEmpty());
      assertFalse(health.recordSuccess("masto.example"));
    }
  }

  @Test
  void failuresSurviveARestart() {
    try (RocksKvStore store = open()) {
      HostHealth health = new HostHealth(store, clock, Duration.ofDays(3));
      health.load();
      health.recordFailure("gts.example", "error: connection refused");
    }
    clock.advance(Duration.ofDays(4));
    try (RocksKvStore store = open()) {
      HostHealth health = new HostHealth(store, clock, Duration.ofDays(3));
      health.load();
      assertTrue(health.isUnavailable("gts.example"));
      assertEquals("error: connection refused", health.find("gts.example").orElseThrow().lastError());
    }
  }
}
