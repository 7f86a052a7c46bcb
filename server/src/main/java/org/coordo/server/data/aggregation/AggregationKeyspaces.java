package org.coordo.server.data.aggregation;

import java.util.List;

/**
 * Keyspaces of received publications (national agenda, aggregated calls and minutes). Layouts, all
 * big-endian so that iteration order is time order:
 *
 * <pre>
 * agg_items        utf8(objectId)                                  → item JSON
 * agg_by_start     scope ‖ longBE(startMillis) ‖ utf8(objectId)    → empty   (events)
 *                  scope: "a\0" | "c\0" city "\0" | "k\0" CATEGORY "\0" | "ck\0" city "\0" CATEGORY "\0"
 * agg_by_published kind "\0" scope ‖ longBE(publishedMillis) ‖ utf8(objectId) → empty
 *                  kind: call | minutes | event | any; scope: "a\0" | "c\0" city "\0"
 * agg_gone         utf8(objectId)                                  → longBE(deletedMillis)
 * agg_reannounced  utf8(objectId)                                  → {"activity": id, "at": time}
 * agg_meta         utf8(name)                                      → JSON (backfill markers, picks)
 * </pre>
 */
public final class AggregationKeyspaces {
  public static final String ITEMS = "agg_items";
  public static final String BY_START = "agg_by_start";
  public static final String BY_PUBLISHED = "agg_by_published";
  public static final String GONE = "agg_gone";
  public static final String REANNOUNCED = "agg_reannounced";
  public static final String META = "agg_meta";

  public static final List<String> ALL = List.of(ITEMS, BY_START, BY_PUBLISHED, GONE, REANNOUNCED, META);

  private AggregationKeyspaces() {}
}
