package org.coordo.storage;

/**
 * A unit of work in a {@link DurableQueue}.
 *
 * @param id unique, time-sortable id given at enqueue
 * @param dueAtMillis when the job may run next (epoch millis)
 * @param attempts how many times it has been claimed, the current claim included (0 until the
 *     first claim)
 * @param payload opaque bytes owned by the caller
 */
public record Job(String id, long dueAtMillis, int attempts, byte[] payload) {}
