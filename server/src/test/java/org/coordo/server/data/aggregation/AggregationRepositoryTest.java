package org.coordo.server.data.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.storage.Cursor;
import org.coordo.storage.Page;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Received publications on RocksDB: one record per id, indexes moved in the same batch, ranges and cursors. */
class AggregationRepositoryTest {
  @TempDir Path dir;
  RocksKvStore store;
  AggregationRepository repo;

  @BeforeEach
  void open() {
    store = TestStores.openRocks(dir, AggregationKeyspaces.ALL.toArray(String[]::new));
    repo = new AggregationRepository(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static AggregatedItem event(String id, String city, String start, String category, Instant updated) {
    return new AggregatedItem("https://" + city + ".example/e/" + id, AggregatedKind.EVENT, city, city, city + ".example",
        "https://" + city + ".example/actors/" + city, "Event " + id, null, "<p>x</p>", null,
        Instant.parse("2026-11-01T00:00:00Z"), updated, 0,
        new AggregatedEvent(Instant.parse(start), null, "Europe/Paris", null, null, null, null, "Scheduled", category),
        Instant.parse("2026-11-01T00:00:00Z"));
  }

  static AggregatedItem call(String id, String city, String published) {
    return new AggregatedItem("https://" + city + ".example/c/" + id, AggregatedKind.CALL, city, city, city + ".example",
        "https://" + city + ".example/actors/" + city, "Call " + id, null, "", null, Instant.parse(published), null, 0,
        null, Instant.parse(published));
  }

  private List<String> names(List<AggregatedItem> items) {
    return items.stream().map(AggregatedItem::name).toList();
  }

  @Test
  void upsertIsIdempotentAndAChangeMovesEveryIndexKey() {
    AggregatedItem e = event("1", "lille", "2030-01-10T18:00:00Z", "MEETING", null);
    assertEquals(AggregationRepository.Outcome.CREATED, repo.upsert(e).outcome());
    assertEquals(AggregationRepository.Outcome.UNCHANGED, repo.upsert(e).outcome());
    AggregatedItem moved = event("1", "lille", "2030-02-10T18:00:00Z", "CAUSES", Instant.parse("2026-11-02T00:00:00Z"));
    AggregationRepository.Upserted u = repo.upsert(moved);
    assertEquals(AggregationRepository.Outcome.UPDATED, u.outcome());
    assertEquals(1, u.item().sequence());
    assertTrue(repo.agenda(null, "MEETING", null, null, null, 10).items().isEmpty());
    assertEquals(1, repo.agenda("lille", "CAUSES", null, null, null, 10).items().size());
    assertTrue(repo.agenda(null, null, null, Instant.parse("2030-02-01T00:00:00Z"), null, 10).items().isEmpty());
    assertEquals(AggregationRepository.Outcome.STALE, repo.upsert(e).outcome());
    repo.remove(e.id(), Instant.parse("2026-11-03T00:00:00Z"));
    assertTrue(repo.agenda(null, null, null, null, null, 10).items().isEmpty());
    assertTrue(repo.agenda("lille", "CAUSES", null, null, null, 10).items().isEmpty());
    assertTrue(repo.latest(null, null, null, 10).items().isEmpty());
    assertEquals(AggregationRepository.Outcome.GONE, repo.upsert(moved).outcome());
  }

  @Test
  void agendaPagesByStartTimeWithinBoundsAndRefusesForeignCursors() {
    repo.upsert(event("c", "lille", "2030-01-03T10:00:00Z", null, null));
    repo.upsert(event("a", "grenoble", "2030-01-01T10:00:00Z", null, null));
    repo.upsert(event("b", "lille", "2030-01-02T10:00:00Z", null, null));
    repo.upsert(event("d", "grenoble", "2030-01-04T10:00:00Z", null, null));
    AggregationRepository.Slice first = repo.agenda(null, null, Instant.parse("2030-01-02T00:00:00Z"), null, null, 2);
    assertEquals(List.of("Event b", "Event c"), names(first.items()));
    AggregationRepository.Slice second = repo.agenda(null, null, Instant.parse("2030-01-02T00:00:00Z"), null,
        first.next().orElseThrow(), 2);
    assertEquals(List.of("Event d"), names(second.items()));
    assertTrue(second.next().isEmpty());
    assertEquals(List.of("Event a", "Event b"), names(repo.agenda(null, null, null, Instant.parse("2030-01-03T00:00:00Z"), null, 10).items()));
    assertEquals(List.of("Event b", "Event c"), names(repo.agenda("lille", null, null, null, null, 10).items()));
    Cursor foreign = repo.agenda("lille", null, null, null, null, 1).next().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> repo.agenda("grenoble", null, null, null, foreign, 10));
  }

  @Test
  void pastAgendaPagesLatestStartFirstBeforeTheBoundByCityAndCategory() {
    repo.upsert(event("a", "grenoble", "2030-01-01T10:00:00Z", "MEETING", null));
    repo.upsert(event("b", "lille", "2030-01-02T10:00:00Z", "MEETING", null));
    repo.upsert(event("c", "lille", "2030-01-03T10:00:00Z", "CAUSES", null));
    repo.upsert(event("d", "grenoble", "2030-01-04T10:00:00Z", "MEETING", null));
    Instant before = Instant.parse("2030-01-04T00:00:00Z");
    AggregationRepository.Slice first = repo.pastAgenda(null, null, before, null, 2);
    assertEquals(List.of("Event c", "Event b"), names(first.items()));
    AggregationRepository.Slice second = repo.pastAgenda(null, null, before, first.next().orElseThrow(), 2);
    assertEquals(List.of("Event a"), names(second.items()));
    assertTrue(second.next().isEmpty());
    assertEquals(List.of("Event c", "Event b"), names(repo.pastAgenda("lille", null, before, null, 10).items()));
    assertEquals(List.of("Event b", "Event a"), names(repo.pastAgenda(null, "MEETING", before, null, 10).items()));
    Cursor foreign = repo.pastAgenda("lille", null, before, null, 1).next().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> repo.pastAgenda("grenoble", null, before, foreign, 10));
  }

  @Test
  void latestIsNewestFirstPerKindAndCity() {
    repo.upsert(call("1", "lille", "2026-11-01T10:00:00Z"));
    repo.upsert(call("2", "grenoble", "2026-11-03T10:00:00Z"));
    repo.upsert(call("3", "lille", "2026-11-02T10:00:00Z"));
    repo.upsert(event("e", "lille", "2030-01-01T10:00:00Z", null, null));
    Page<AggregatedItem> calls = repo.latest(AggregatedKind.CALL, null, null, 2);
    assertEquals(List.of("Call 2", "Call 3"), names(calls.items()));
    assertEquals(List.of("Call 1"), names(repo.latest(AggregatedKind.CALL, null, calls.next().orElseThrow(), 2).items()));
    assertEquals(List.of("Call 3", "Call 1"), names(repo.latest(AggregatedKind.CALL, "lille", null, 10).items()));
    assertEquals(4, repo.latest(null, null, null, 10).items().size());
    assertTrue(repo.latest(AggregatedKind.MINUTES, null, null, 10).items().isEmpty());
  }

  @Test
  void upsertAllGivesTheOutcomesOfOneByOneUpsertsInOneWrite() {
    AggregatedItem kept = event("k", "lille", "2030-01-05T10:00:00Z", "MEETING", null);
    AggregatedItem removed = event("r", "lille", "2030-01-06T10:00:00Z", null, null);
    repo.upsert(kept);
    repo.upsert(removed);
    repo.remove(removed.id(), Instant.parse("2026-11-03T00:00:00Z"));
    AggregatedItem fresh = event("f", "grenoble", "2030-01-01T10:00:00Z", "CAUSES", null);
    AggregatedItem freshMoved = event("f", "grenoble", "2030-03-01T10:00:00Z", "MEETING", Instant.parse("2026-11-02T00:00:00Z"));
    AggregatedItem stale = event("k", "lille", "2030-01-09T10:00:00Z", null, Instant.parse("2026-10-01T00:00:00Z"));
    repo.upsert(event("s", "lille", "2030-01-07T10:00:00Z", null, Instant.parse("2026-11-05T00:00:00Z")));
    AggregatedItem older = event("s", "lille", "2030-01-08T10:00:00Z", null, Instant.parse("2026-11-04T00:00:00Z"));

    List<AggregationRepository.Upserted> out = repo.upsertAll(List.of(fresh, kept, removed, freshMoved, older, fresh));

    assertEquals(List.of(AggregationRepository.Outcome.CREATED, AggregationRepository.Outcome.UNCHANGED,
        AggregationRepository.Outcome.GONE, AggregationRepository.Outcome.UPDATED, AggregationRepository.Outcome.STALE,
        AggregationRepository.Outcome.STALE), out.stream().map(AggregationRepository.Upserted::outcome).toList());
    assertEquals(1, out.get(3).item().sequence());
    assertEquals(1, repo.find(fresh.id()).orElseThrow().sequence());
    assertTrue(repo.find(removed.id()).isEmpty());
    // the version created then moved in the same batch left no index key behind
    assertTrue(repo.agenda(null, "CAUSES", null, null, null, 10).items().isEmpty());
    assertEquals(List.of("Event f"), names(repo.agenda("grenoble", "MEETING", null, null, null, 10).items()));
    assertEquals(List.of("Event k", "Event s", "Event f"), names(repo.agenda(null, null, null, null, null, 10).items()));
    assertEquals(1, repo.latest(AggregatedKind.EVENT, "grenoble", null, 10).items().size());
  }

  @Test
  void concurrentUpsertAllCallsDoNotDeadlockAndStoreEverything() throws Exception {
    List<AggregatedItem> items = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      items.add(event("n" + i, "city" + (i % 7), "2030-01-01T10:00:00Z", "MEETING", null));
    }
    List<AggregatedItem> reversed = new java.util.ArrayList<>(items);
    java.util.Collections.reverse(reversed);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<AggregatedItem> list = t % 2 == 0 ? items : reversed;
        runs.add(pool.submit(() -> {
          for (int from = 0; from < list.size(); from += 50) {
            repo.upsertAll(list.subList(from, from + 50));
          }
        }));
        runs.add(pool.submit(() -> list.forEach(repo::upsert)));
      }
      for (java.util.concurrent.Future<?> run : runs) {
        run.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(400, repo.agenda(null, "MEETING", null, null, null, 100).items().size()
        + repo.agenda(null, "MEETING", null, null, repo.agenda(null, "MEETING", null, null, null, 100).next().orElseThrow(), 300)
            .items().size());
    for (AggregatedItem i : items) {
      assertEquals(0, repo.find(i.id()).orElseThrow().sequence());
    }
  }
}
