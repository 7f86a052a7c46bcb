package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.coordo.federation.vocab.As;

/**
 * The {@code @context} of every publication document: the ActivityStreams and security contexts
 * plus an inline term map (federation's, extended with the event and minutes terms). Inline only:
 * most servers never fetch remote contexts.
 */
public final class AsContext {
  public static final String MOBILIZON_NS = "https://joinmobilizon.org/ns#";
  public static final String ICAL_NS = "http://www.w3.org/2002/12/cal/ical#";

  private AsContext() {}

  public static JsonArray publication() {
    JsonArray context = As.context();
    JsonObject terms = context.getJsonObject(2);
    terms
        .put("sensitive", "as:sensitive")
        .put("mz", MOBILIZON_NS)
        .put("ical", ICAL_NS)
        .put("timezone", new JsonObject().put("@id", "mz:timezone").put("@type", "schema:Text"))
        .put("category", new JsonObject().put("@id", "mz:category").put("@type", "schema:Text"))
        .put("isOnline", new JsonObject().put("@id", "mz:isOnline").put("@type", "schema:Boolean"))
        .put("VirtualLocation", "mz:VirtualLocation")
        .put("eventCategory", new JsonObject().put("@id", "coordo:eventCategory").put("@type", "schema:Text"))
        .put("eventStatus", new JsonObject().put("@id", "coordo:eventStatus").put("@type", "schema:Text"))
        .put("organizers", new JsonObject().put("@id", "coordo:organizers").put("@type", "@id"))
        .put("PostalAddress", "schema:PostalAddress")
        .put("address", new JsonObject().put("@id", "schema:address"))
        .put("streetAddress", "schema:streetAddress")
        .put("postalCode", "schema:postalCode")
        .put("addressLocality", "schema:addressLocality")
        .put("addressRegion", "schema:addressRegion")
        .put("addressCountry", "schema:addressCountry")
        .put("assemblyDate", new JsonObject().put("@id", "coordo:assemblyDate").put("@type", "schema:Date"))
        .put("assemblyPlace", "coordo:assemblyPlace")
        .put("attendance", "coordo:attendance")
        .put("decisions", "coordo:decisions")
        .put("publicationKind", "coordo:publicationKind")
        // co-signed calls (issue 17): a call's signatories collection
        .put("signatories", new JsonObject().put("@id", "coordo:signatories").put("@type", "@id"));
    declareUpcomingEvents(terms);
    ActionDayAsConverter.declareTerms(terms);
    return context;
  }

  /** Declares the {@code upcomingEvents} term (FEP-8a8e's collection of an actor's events) in an inline term map. */
  public static JsonObject declareUpcomingEvents(JsonObject terms) {
    return terms.put("upcomingEvents", new JsonObject().put("@id", "coordo:upcomingEvents").put("@type", "@id"));
  }
  /**
   * Declares the working-group terms (see docs/FEDIVERSE-MAPPING.md) in an inline term map: a
   * collective's {@code workingGroups} (the ids of its public working groups' actors) and a group
   * actor's {@code workingGroupOf} (its collective's actor).
   */
  public static JsonObject declareWorkingGroupTerms(JsonObject terms) {
    return terms
        .put("workingGroups", new JsonObject().put("@id", "coordo:workingGroups").put("@type", "@id")
            .put("@container", "@set"))
        .put("workingGroupOf", new JsonObject().put("@id", "coordo:workingGroupOf").put("@type", "@id"));
  }
}
