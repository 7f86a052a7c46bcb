package org.coordo.server.data.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.domain.account.NoticeThrottle;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticeRepositoryTest {
  @TempDir
  Path dir;

  @Test
  void aThrottleWrittenBeforeInvitationsAndJoinsWereToldLoadsWithNoneWaitingAndANewOneRoundTrips() {
    try (RocksKvStore store = RocksKvStore.open(dir.resolve("db"), StorageSchema.options())) {
      // The JSON the repository wrote before issue 17's notices (replies and follows only).
      String old = "{\"lastSent\":1700000000000,\"waiting\":{\"lyon\":{\"replies\":1,\"follows\":2}}}";
      store.keyspace(AccountKeyspaces.NOTICES).put("u1".getBytes(StandardCharsets.UTF_8), old.getBytes(StandardCharsets.UTF_8));
      NoticeRepository notices = new NoticeRepository(store);
      NoticeThrottle loaded = notices.find("u1");
      assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), loaded.lastSent());
      assertEquals(Map.of("lyon", new NoticeThrottle.Waiting(1, 2, 0, 0)), loaded.waiting());

      NoticeThrottle more = loaded.adding("lyon", NoticeThrottle.Waiting.INVITATION)
          .adding("national", NoticeThrottle.Waiting.JOIN);
      try (KvBatch batch = store.newBatch()) {
        notices.put(batch, "u1", more);
        store.write(batch, Durability.SYNC);
      }
      assertEquals(more, notices.find("u1"));
    }
  }
}
