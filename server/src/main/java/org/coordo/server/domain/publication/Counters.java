package org.coordo.server.domain.publication;

/** How the fediverse reacted to a publication. {@code replies} counts every stored reply. */
public record Counters(long likes, long announces, long replies) {}
