package org.coordo.federation;

import java.util.List;

/**
 * A snapshot of outbound delivery for the admin page.
 *
 * @param queued jobs on disk (waiting, deferred or leased)
 * @param inFlight requests being sent now
 * @param held jobs claimed and waiting for a free slot of their host
 * @param failingHosts hosts with failures since their last success, most failures first
 * @param unavailableHosts hosts whose jobs are deferred until one delivery succeeds
 */
public record DeliveryStats(
    long queued, int inFlight, int held, List<HostStatus> failingHosts, List<String> unavailableHosts) {}
