package org.coordo.server.data.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.Page;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationRepositoryTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  @TempDir Path dir;
  RocksKvStore store;
  PublicationRepository repo;

  @BeforeEach
  void open() {
    store = TestStores.openRocks(dir, PublicationKeyspaces.ALL.toArray(String[]::new));
    repo = new PublicationRepository(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Publication event(String id, String collective, Instant start, PublicationState state) {
    return new Publication(id, collective, PublicationKind.EVENT, state, "alice", "E " + id, null, "", "", "fr",
        NOW, state == PublicationState.PUBLISHED ? NOW : null, null, null, List.of(), null,
        new EventDetails(start, null, ZoneId.of("Europe/Paris"), null, EventStatus.Scheduled, null));
  }

  void put(Publication next, Publication previous) {
    try (KvBatch batch = store.newBatch()) {
      repo.put(batch, next, previous);
      store.write(batch, Durability.WAL);
    }
  }

  static List<String> ids(Page<Publication> page) {
    return page.items().stream().map(Publication::id).toList();
  }

  @Test
  void upcomingStartsExactlyAtNowIsSoonestFirstAndPagesWithoutGapsOrOtherCollectives() {
    put(event("a", "grenoble", NOW.minusMillis(1), PublicationState.PUBLISHED), null);
    put(event("b", "grenoble", NOW, PublicationState.PUBLISHED), null);
    put(event("c", "grenoble", NOW.plusSeconds(3600), PublicationState.PUBLISHED), null);
    put(event("d", "grenoble", NOW.plusSeconds(60), PublicationState.PUBLISHED), null);
    put(event("e", "grenoble", NOW.plusSeconds(30), PublicationState.DRAFT), null);
    put(event("f", "grenoble-sud", NOW.plusSeconds(30), PublicationState.PUBLISHED), null);
    Page<Publication> first = repo.upcoming("grenoble", NOW, null, 2);
    assertEquals(List.of("b", "d"), ids(first));
    Page<Publication> second = repo.upcoming("grenoble", NOW, first.next().orElseThrow(), 2);
    assertEquals(List.of("c"), ids(second));
    assertTrue(second.next().isEmpty());
    assertEquals(3, repo.countUpcoming("grenoble", NOW));
    assertEquals(List.of("c", "d", "b", "a"), ids(repo.list("grenoble", PublicationKind.EVENT, false, null, 10)));
    assertEquals(List.of("e"), ids(repo.list("grenoble", PublicationKind.EVENT, true, null, 10)));
  }

  @Test
  void indexFollowsTheRecordThroughPublishMoveAndDelete() {
    Publication draft = event("x", "grenoble", NOW.plusSeconds(10), PublicationState.DRAFT);
    put(draft, null);
    Publication published = event("x", "grenoble", NOW.plusSeconds(10), PublicationState.PUBLISHED);
    put(published, draft);
    Publication moved = event("x", "grenoble", NOW.plusSeconds(99), PublicationState.PUBLISHED);
    put(moved, published);
    assertEquals(1, TestStores.count(store, PublicationKeyspaces.INDEX));
    assertEquals(List.of("x"), ids(repo.upcoming("grenoble", NOW.plusSeconds(50), null, 10)));
    put(moved.tombstone(NOW), moved);
    assertEquals(0, TestStores.count(store, PublicationKeyspaces.INDEX));
    assertTrue(repo.find(moved.key()).orElseThrow().isDeleted(), "the tombstone stays");
  }
}
