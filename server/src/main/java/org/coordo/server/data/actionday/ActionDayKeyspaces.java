package org.coordo.server.data.actionday;

import java.util.List;

/**
 * The index of days of action and of the events linked to them (issue 17), local and received alike. An
 * index only: the records stay where they are (publications, received items) and every read checks them
 * again, so an entry left behind by a removed item is skipped, never shown. Layouts:
 *
 * <pre>
 * action_days  "d" ‖ longBE(lastEpochDay) ‖ utf8(dayUri)   → utf8(dayId)   days by their last day
 *              "i" ‖ utf8(dayId)                          → utf8(dayUri)  a day's page id → its id
 *              "e" ‖ utf8z(dayUri) ‖ utf8(eventUri)       → "L" | "R"     events linked to a day (local, received)
 * </pre>
 */
public final class ActionDayKeyspaces {
  public static final String DAYS = "action_days";

  public static final List<String> ALL = List.of(DAYS);

  private ActionDayKeyspaces() {}
}
