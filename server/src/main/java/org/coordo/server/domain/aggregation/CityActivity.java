package org.coordo.server.domain.aggregation;

import java.time.Instant;

/**
 * What one city published in a window (the mobilisation dashboard, issue 17): counts by kind and its
 * latest publication time (null when it never published).
 */
public record CityActivity(long calls, long minutes, long events, Instant lastPublished) {}
