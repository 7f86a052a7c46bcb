package org.coordo.storage;

/** How far a write must have gone before the call returns. */
public enum Durability {
  /** Appended to the write-ahead log (survives a process kill, not a power loss). */
  WAL,
  /** Appended to the write-ahead log and fsynced (survives a power loss). */
  SYNC
}
