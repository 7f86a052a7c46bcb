package org.coordo.storage.rocks;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
import org.rocksdb.IndexType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.WALRecoveryMode;

/**
 * Options for a small server: a few hundred MB of data, 2 cores, little memory. The caller owns
 * (and closes) every object passed in and returned.
 */
final class RocksTuning {
  static final int MAX_OPEN_FILES = 256;
  static final int BACKGROUND_JOBS = 2;
  static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;
  static final int BLOOM_BITS_PER_KEY = 10;
  /** Size of an index or filter partition. */
  static final long METADATA_BLOCK_BYTES = 4 * 1024;
  /** Smallest block cache shard (RocksDB's own default is 512 KB, i.e. 64 shards for 32 MB). */
  static final long MIN_CACHE_SHARD_BYTES = 8L * 1024 * 1024;
  private static final int MAX_CACHE_SHARD_BITS = 6;

  private RocksTuning() {}

  static void configure(DBOptions options) {
    options
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setMaxOpenFiles(MAX_OPEN_FILES)
        .setMaxBackgroundJobs(BACKGROUND_JOBS)
        // The WAL is the record: a killed process replays it up to the last complete write.
        .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
        .setMaxTotalWalSize(64L * 1024 * 1024)
        .setBytesPerSync(1024 * 1024)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setKeepLogFileNum(3)
        .setMaxLogFileSize(1024 * 1024)
        .setStatsDumpPeriodSec(0);
  }

  /**
   * Shard bits of the block cache: shards of at least {@link #MIN_CACHE_SHARD_BYTES}. With RocksDB's
   * default (512 KB shards) an unpartitioned index or filter block of a 64 MB table (several hundred KB,
   * as tables written before partitioning have) cannot stay cached: every point read loaded it again.
   */
  static int cacheShardBits(long cacheBytes) {
    int bits = 0;
    while (bits < MAX_CACHE_SHARD_BITS && (cacheBytes >> (bits + 1)) >= MIN_CACHE_SHARD_BYTES) {
      bits++;
    }
    return bits;
  }

  static void configure(ColumnFamilyOptions options, Cache blockCache, Filter bloomFilter) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(blockCache)
            .setFilterPolicy(bloomFilter)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            // Partitioned index and filters: a point read loads the 4 KB partitions it needs (cached
            // like data blocks), not a whole table's index and filter; the small top level stays pinned.
            .setIndexType(IndexType.kTwoLevelIndexSearch)
            .setPartitionFilters(true)
            .setMetadataBlockSize(METADATA_BLOCK_BYTES)
            .setPinTopLevelIndexAndFilter(true)
            .setBlockSize(16 * 1024);
    options
        .setTableFormatConfig(table)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setMaxWriteBufferNumber(2)
        .setLevelCompactionDynamicLevelBytes(true);
  }
}
