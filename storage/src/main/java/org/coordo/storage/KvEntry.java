package org.coordo.storage;

/** A key and its value, as read from a keyspace. */
public record KvEntry(byte[] key, byte[] value) {}
