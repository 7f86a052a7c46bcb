package org.coordo.server.cli.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.coordo.server.domain.NodeTime;

/**
 * The sample publications of the demo, in French, as JSON API bodies
 * ({@code POST /api/collectives/{name}/{calls|minutes|events}}). Event dates are relative to
 * {@code today}: the coming weeks.
 */
final class DemoContent {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  /** One publication: its kind segment and its body. */
  record Item(String segment, JsonObject body) {}

  private DemoContent() {}

  /** Days from today to the national day of action (Grenoble's demonstration, Lille's rally). */
  static final int DAY_OF_ACTION = 12;

  /** The city's sample publications; its events of the day of action link to {@code dayOfAction} (or none). */
  static List<Item> forCity(String city, LocalDate today, String dayOfAction) {
    return switch (city) {
      case "grenoble" -> List.of(
          call("Organisons des AG partout, dans chaque ville",
              "Nous appelons **tous les collectifs** à tenir une assemblée générale ouverte dans les deux "
                  + "semaines, et à en publier le compte rendu ici : décisions, mandats, prochaines dates.\n\n"
                  + "Coordonnons-nous ville par ville, puis nationalement."),
          minutes("Compte rendu de l'AG du " + today.minusDays(3), today.minusDays(3), "Maison des associations",
              "45 personnes",
              "Ordre du jour : bilan de la mobilisation, calendrier, liens avec les autres villes.",
              List.of("Tenir une AG ouverte tous les quinze jours", "Rejoindre la coordination nationale")),
          event("Assemblée générale ouverte", today.plusDays(5), 18, 30, 21, 0, "Maison des associations",
              "6 rue Berthe de Boissieux, 38000 Grenoble", 45.1866, 5.7190, "GENERAL_ASSEMBLY",
              "AG ouverte à toutes et tous : point sur la mobilisation et préparation de la manifestation."),
          answering(event("Manifestation : le social n'est pas à vendre", today.plusDays(DAY_OF_ACTION), 14, 0,
              17, 0, "Place Félix Poulat", "Place Félix Poulat, 38000 Grenoble", 45.1904, 5.7244, "DEMONSTRATION",
              "Départ place Félix Poulat, parcours jusqu'à la préfecture. Notre rendez-vous de la journée "
                  + "nationale d'action."), dayOfAction));
      case "lille" -> List.of(
          call("Appel à une journée de grève et de rassemblements",
              "Le collectif lillois appelle à une **journée de grève** et à des rassemblements devant les "
                  + "mairies de quartier. Rejoignez l'AG pour l'organiser."),
          event("Réunion publique : le logement pour toutes et tous", today.plusDays(7), 19, 0, 21, 30,
              "Maison Folie Wazemmes", "70 rue des Sarrazins, 59000 Lille", 50.6278, 3.0497, "MEETING",
              "Témoignages, associations de locataires et prochaines actions."),
          event("Cantine solidaire et AG de quartier", today.plusDays(15), 12, 0, 15, 0, "Gare Saint-Sauveur",
              "17 boulevard Jean-Baptiste Lebas, 59000 Lille", 50.6305, 3.0702, "GENERAL_ASSEMBLY",
              "Repas à prix libre puis assemblée de quartier."),
          answering(event("Rassemblement Grand'Place", today.plusDays(DAY_OF_ACTION), 12, 0, 14, 0, "Grand'Place",
              "Place du Général de Gaulle, 59000 Lille", 50.6369, 3.0635, "RALLY",
              "Rassemblement pour la journée nationale d'action : prises de parole des collectifs et des "
                  + "syndicats."), dayOfAction));
      case "toulouse" -> List.of(
          minutes("Compte rendu de l'AG inter-collectifs", today.minusDays(6), "Bourse du Travail", "60 personnes",
              "Présents : collectifs de quartier, syndicats, associations étudiantes.",
              List.of("Soutenir l'appel national à des AG partout", "Organiser une AG inter-collectifs mensuelle")),
          event("AG inter-collectifs toulousaine", today.plusDays(9), 18, 0, 20, 30, "Bourse du Travail",
              "19 place Saint-Sernin, 31000 Toulouse", 43.6085, 1.4418, "GENERAL_ASSEMBLY",
              "Ordre du jour : coordination régionale, caisse de grève, prochaines dates."),
          event("Rassemblement au Capitole", today.plusDays(19), 17, 30, 19, 30, "Place du Capitole",
              "Place du Capitole, 31000 Toulouse", 43.6045, 1.4440, "RALLY",
              "Rassemblement unitaire, prises de parole des collectifs."));
      default -> List.of();
    };
  }

  /** The event as an answer to the day of action (unchanged when there is none). */
  private static Item answering(Item event, String dayOfAction) {
    return dayOfAction == null ? event : new Item(event.segment(), event.body().copy().put("partOfActionDay", dayOfAction));
  }

  private static Item call(String title, String content) {
    return new Item("calls", new JsonObject().put("title", title).put("content", content).put("publish", true));
  }

  private static Item minutes(String title, LocalDate date, String place, String attendance, String content,
      List<String> decisions) {
    return new Item("minutes", new JsonObject().put("title", title).put("assemblyDate", date.toString())
        .put("place", place).put("attendance", attendance).put("content", content)
        .put("decisions", new JsonArray(decisions)).put("publish", true));
  }

  private static Item event(String title, LocalDate day, int h, int m, int endH, int endM, String place,
      String address, double lat, double lon, String category, String content) {
    return new Item("events", new JsonObject().put("title", title).put("timezone", NodeTime.DEFAULT_ZONE.getId())
        .put("startTime", LocalDateTime.of(day, LocalTime.of(h, m)).format(LOCAL))
        .put("endTime", LocalDateTime.of(day, LocalTime.of(endH, endM)).format(LOCAL))
        .put("content", content).put("category", category)
        .put("location", new JsonObject().put("name", place).put("address", address)
            .put("latitude", lat).put("longitude", lon))
        .put("publish", true));
  }
}
