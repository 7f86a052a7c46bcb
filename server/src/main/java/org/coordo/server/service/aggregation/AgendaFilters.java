package org.coordo.server.service.aggregation;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import org.coordo.federation.Uris;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.error.NodeError;

/**
 * The filters of received publications (agenda, national pages, embeds, feeds of the national node),
 * read once for every route that takes them: a bad one is a 400 that names it.
 */
public final class AgendaFilters {
  private AgendaFilters() {}

  /** The one value of a query parameter, trimmed; null when absent or blank; a 400 when given twice. */
  public static String single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.size() > 1) {
      throw NodeError.badParameter(name, "given more than once");
    }
    if (values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    return values.get(0).strip();
  }

  /** A city filter: a collective's name, any case (null: every city). */
  public static String city(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String city = value.strip().toLowerCase(Locale.ROOT);
    if (!Uris.isValidActorName(city)) {
      throw NodeError.badParameter("city", "expected a collective name like grenoble");
    }
    return city;
  }

  /**
   * A category filter (null: every category). Items are indexed under Coordo's names; a Mobilizon
   * name ({@code MOVEMENTS_POLITICS}) asks for its counterpart.
   */
  public static String category(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String category = value.strip();
    if (!category.matches("[A-Za-z0-9_]{1,64}")) {
      throw NodeError.badParameter("category", "expected a category like MEETING");
    }
    String upper = category.toUpperCase(Locale.ROOT);
    return EventCategory.fromStored(upper).map(Enum::name).orElse(upper);
  }
}
