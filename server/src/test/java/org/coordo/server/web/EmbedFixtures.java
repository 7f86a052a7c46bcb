package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.convert.AggregatedItemConverter;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.PublicationInput;

/** Events for the embed tests: published on a city node, or received by a national node. */
final class EmbedFixtures {
  static final Principal EDITOR = new Principal("u-alice", WebTestNode.EDITOR, false,
      Map.of(WebTestNode.COLLECTIVE, Role.EDITOR));

  private EmbedFixtures() {}

  static ZonedDateTime inDays(int days) {
    return ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusDays(days).withHour(18).withMinute(0).withSecond(0)
        .withNano(0);
  }

  /** A published event of the city node's collective, {@code days} from now. */
  static Publication event(WebTestNode city, String title, int days) {
    ZonedDateTime start = inDays(days);
    return await(city.node.services().publishing().service.create(EDITOR, WebTestNode.COLLECTIVE,
        PublicationKind.EVENT, new PublicationInput(title, null, "Venez nombreux·ses.", "fr", List.of(), null,
            new EventDetails(start.toInstant(), start.plusHours(2).toInstant(), ZoneId.of("Europe/Paris"), null,
                EventStatus.Scheduled, null)), true));
  }

  /**
   * An event as a national node receives it from {@code city}'s group on a remote Coordo node: its
   * Coordo category as {@code eventCategory}, Mobilizon's value as {@code category}.
   */
  static void received(WebTestNode national, String city, String id, String name, String url, int days,
      String category, String place) {
    JsonObject event = new JsonObject().put("type", "Event").put("id", id).put("name", name).put("url", url)
        .put("startTime", inDays(days).toOffsetDateTime().toString()).put("timezone", "Europe/Paris")
        .put("eventCategory", category)
        .put("category", org.coordo.server.domain.publication.EventCategory.valueOf(category).mobilizon())
        .put("location", new JsonObject().put("type", "Place").put("name", place));
    await(national.node.services().aggregation().ingest(event, new AggregatedItemConverter.Group(
        "https://" + city + ".example/actors/" + city, city, "Collectif de " + city)));
  }
}
