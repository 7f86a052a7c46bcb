package org.coordo.storage.rocks;

import java.nio.file.Path;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.testkit.KvStoreContract;

class RocksKvStoreContractTest extends KvStoreContract {
  @Override
  protected KvStore open(Path dir, StoreOptions options) {
    return RocksKvStore.open(dir, options);
  }
}
