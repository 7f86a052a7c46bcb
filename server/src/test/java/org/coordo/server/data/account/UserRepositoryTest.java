package org.coordo.server.data.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.domain.account.User;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRepositoryTest {
  @TempDir
  Path dir;

  @Test
  void aRecordWrittenBeforeAddressesExistedLoadsWithoutOne() {
    try (RocksKvStore store = RocksKvStore.open(dir.resolve("db"), StorageSchema.options())) {
      // The JSON the repository wrote before issue 15 (no email, emailConfirmed, lang).
      String old = "{\"id\":\"u1\",\"username\":\"ada\",\"displayName\":\"Ada\",\"passwordHash\":\"$argon2id$x\","
          + "\"nodeAdmin\":false,\"created\":1700000000000}";
      store.keyspace(AccountKeyspaces.USERS).put("u1".getBytes(StandardCharsets.UTF_8), old.getBytes(StandardCharsets.UTF_8));
      User ada = new UserRepository(store).findById("u1").orElseThrow();
      assertEquals("ada", ada.username());
      assertNull(ada.email());
      assertFalse(ada.emailConfirmed());
      assertNull(ada.lang());
    }
  }

  @Test
  void anAddressIsUniqueInAnyCaseAndLeavesTheIndexWhenChanged() {
    try (RocksKvStore store = RocksKvStore.open(dir.resolve("db"), StorageSchema.options())) {
      AccountData data = new AccountData(store);
      User ada = new User("u1", "ada", "Ada", "$argon2id$x", false, Instant.ofEpochMilli(1))
          .withEmail("Ada@example.org", true, "fr");
      data.write(b -> data.users().put(b, ada, null));
      assertEquals("u1", data.users().findByEmail("ADA@EXAMPLE.ORG").orElseThrow().id());
      assertTrue(data.users().emailTakenByOther("ada@example.org", "u2"));
      assertFalse(data.users().emailTakenByOther("ada@example.org", "u1"));

      User moved = ada.withEmail("ada@elsewhere.example", false, "fr");
      data.write(b -> data.users().put(b, moved, ada));
      assertTrue(data.users().findByEmail("ada@example.org").isEmpty(), "the old address is free again");
      assertEquals("u1", data.users().findByEmail("ada@elsewhere.example").orElseThrow().id());

      User none = moved.withEmail(null, false, null);
      data.write(b -> data.users().put(b, none, moved));
      assertTrue(data.users().findByEmail("ada@elsewhere.example").isEmpty());
      assertNull(data.users().findById("u1").orElseThrow().email());
    }
  }
}
