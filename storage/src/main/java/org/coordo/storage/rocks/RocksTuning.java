package org.coordo.storage.rocks;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
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

  static void configure(ColumnFamilyOptions options, Cache blockCache, Filter bloomFilter) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(blockCache)
            .setFilterPolicy(bloomFilter)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setBlockSize(16 * 1024);
    options
        .setTableFormatConfig(table)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setMaxWriteBufferNumber(2)
        .setLevelCompactionDynamicLevelBytes(true);
  }
}
