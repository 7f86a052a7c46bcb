package org.coordo.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
  final DeliveryPolicy defaults = DeliveryPolicy.defaults("Coordo/test");

  @Test
  void defaultBackoffDoublesFrom30SecondsUpTo6Hours() {
    DeliveryPolicy noJitter = defaults.withBackoff(Duration.ofSeconds(30), Duration.ofHours(6), 0);
    Random random = new Random(1);
    assertEquals(Duration.ofSeconds(30), noJitter.backoff(1, random));
    assertEquals(Duration.ofSeconds(60), noJitter.backoff(2, random));
    assertEquals(Duration.ofSeconds(30 * 512), noJitter.backoff(10, random));
    assertEquals(Duration.ofHours(6), noJitter.backoff(11, random));
    assertEquals(Duration.ofHours(6), noJitter.backoff(1000, random));
  }

  @Test
  void defaultScheduleGivesUpAfterAboutThreeDays() {
    Random random = new Random(42);
    Duration total = Duration.ZERO;
    for (int failed = 1; failed < defaults.maxAttempts(); failed++) {
      total = total.plus(defaults.backoff(failed, random));
    }
    assertTrue(total.compareTo(Duration.ofDays(2)) > 0 && total.compareTo(Duration.ofDays(4)) < 0, total.toString());
    assertEquals(Duration.ofSeconds(5), defaults.connectTimeout());
    assertEquals(Duration.ofSeconds(15), defaults.readTimeout());
    assertEquals(Duration.ofDays(3), defaults.unavailableAfter());
  }

  @Test
  void perHostLimitIsDividedAmongLiveProcessesRoundedDownAndNeverBelowOne() {
    DeliveryPolicy limitOne = defaults.withConcurrency(1, 16);
    assertEquals(1, limitOne.perHostShare(1));
    assertEquals(1, limitOne.perHostShare(2));
    assertEquals(1, limitOne.perHostShare(3));
    DeliveryPolicy limitThree = defaults.withConcurrency(3, 16);
    assertEquals(3, limitThree.perHostShare(1));
    assertEquals(1, limitThree.perHostShare(2));
    assertEquals(1, limitThree.perHostShare(3));
    DeliveryPolicy limitEight = defaults.withConcurrency(8, 16);
    assertEquals(4, limitEight.perHostShare(2));
    assertEquals(2, limitEight.perHostShare(3));
    assertEquals(8, limitEight.perHostShare(0), "no count yet: the whole limit, as one process");
  }

  @Test
  void jitterStaysWithinItsFraction() {
    Random random = new Random(3);
    for (int i = 0; i < 1000; i++) {
      long millis = defaults.backoff(1, random).toMillis();
      assertTrue(millis >= 24_000 && millis <= 36_000, String.valueOf(millis));
    }
  }

  @Test
  void defaultsArePoliteToEachHostAndKeepManyHostsBusy() {
    assertEquals(3, defaults.perHostConcurrency());
    assertEquals(128, defaults.globalConcurrency());
    assertEquals(256, defaults.claimBatch());
    assertEquals(2 * Runtime.getRuntime().availableProcessors(), defaults.signingConcurrency());
    assertEquals(5, defaults.withSigningConcurrency(5).signingConcurrency());
    assertEquals(defaults.globalConcurrency(), defaults.withSigningConcurrency(5).globalConcurrency());
  }

  @Test
  void invalidPoliciesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> defaults.withConcurrency(0, 4));
    assertThrows(IllegalArgumentException.class, () -> defaults.withConcurrency(4, 2));
    assertThrows(IllegalArgumentException.class, () -> defaults.withSigningConcurrency(0));
    assertThrows(IllegalArgumentException.class, () -> defaults.withBackoff(Duration.ZERO, Duration.ofHours(1), 0));
    assertThrows(IllegalArgumentException.class, () -> defaults.withBackoff(Duration.ofSeconds(1), Duration.ofHours(1), 1));
  }

  @Test
  void jobPayloadRoundTripsAndRejectsForeignBytes() {
    DeliveryJob job = new DeliveryJob(URI.create("https://grenoble.example/activities/01h"), "grenoble",
        URI.create("https://masto.example:8443/inbox"));
    assertEquals(job, DeliveryJob.decode(job.encode()));
    assertEquals("masto.example:8443", job.host());
    assertEquals("masto.example", DeliveryJob.hostOf(URI.create("https://Masto.Example/inbox")));
    assertThrows(IllegalArgumentException.class, () -> DeliveryJob.decode("not json".getBytes()));
    assertThrows(IllegalArgumentException.class, () -> DeliveryJob.decode("{\"activity\":1}".getBytes()));
  }
}
