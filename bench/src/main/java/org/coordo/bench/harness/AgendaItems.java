package org.coordo.bench.harness;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;

/**
 * Synthetic but realistic event notices of the national agenda, one per index and deterministic (the same index
 * always gives the same item for the same {@code origin}): French cities (100 by default: 50 real names, then the
 * same names with a number, {@code grenoble2}), titles and HTML content of a few hundred bytes assembled from
 * varied fragments (so that LZ4 does not find whole repeated notices), start times spread over two years around
 * {@code origin} (one year back, one ahead) between 9:00 and 21:45 in Paris, weighted FEP-8a8e categories, places
 * with street addresses, publication a few days to two months before the start (never after {@code origin}).
 */
final class AgendaItems {
  private static final String[] CITY_KEYS = {
    "paris", "marseille", "lyon", "toulouse", "nice", "nantes", "montpellier", "strasbourg", "bordeaux", "lille",
    "rennes", "reims", "toulon", "saint-etienne", "le-havre", "grenoble", "dijon", "angers", "nimes", "villeurbanne",
    "clermont-ferrand", "le-mans", "aix-en-provence", "brest", "tours", "amiens", "limoges", "annecy", "perpignan",
    "metz", "besancon", "orleans", "rouen", "mulhouse", "caen", "nancy", "argenteuil", "montreuil", "roubaix",
    "avignon", "poitiers", "pau", "la-rochelle", "bayonne", "quimper", "lorient", "valence", "chambery", "troyes",
    "niort"};
  private static final String[] CITY_NAMES = {
    "Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Montpellier", "Strasbourg", "Bordeaux", "Lille",
    "Rennes", "Reims", "Toulon", "Saint-Étienne", "Le Havre", "Grenoble", "Dijon", "Angers", "Nîmes", "Villeurbanne",
    "Clermont-Ferrand", "Le Mans", "Aix-en-Provence", "Brest", "Tours", "Amiens", "Limoges", "Annecy", "Perpignan",
    "Metz", "Besançon", "Orléans", "Rouen", "Mulhouse", "Caen", "Nancy", "Argenteuil", "Montreuil", "Roubaix",
    "Avignon", "Poitiers", "Pau", "La Rochelle", "Bayonne", "Quimper", "Lorient", "Valence", "Chambéry", "Troyes",
    "Niort"};
  /** Categories with their weight in percent; the rest (4 %) has none. */
  static final String[] CATEGORIES = {
    "MEETING", "MOVEMENTS_POLITICS", "CAUSES", "COMMUNITY", "LEARNING", "FILM_MEDIA", "FOOD_DRINK", "PARTY", "MUSIC"};
  private static final int[] CATEGORY_WEIGHTS = {25, 20, 15, 10, 8, 6, 5, 4, 3};
  private static final String[] TOPICS = {
    "le logement", "les services publics", "les retraites", "le climat", "la gratuité des transports", "l'hôpital",
    "l'école publique", "les droits des locataires", "l'eau comme bien commun", "les sans-papiers", "l'énergie",
    "l'agriculture paysanne", "le vélo en ville", "les droits des femmes", "l'antiracisme",
    "la précarité étudiante",
    "la santé au travail", "la petite enfance", "les salaires", "la fermeture de la maternité", "les cantines bio",
    "le projet d'autoroute", "les expulsions", "la ligne de bus 12", "les bibliothèques", "les urgences de nuit"};
  private static final String[] TITLES = {
    "Assemblée générale ouverte sur %s", "Réunion publique : %s", "Manifestation pour %s",
    "Atelier d'écriture de tracts sur %s", "Projection-débat autour de %s", "Cantine solidaire et discussion sur %s",
    "Permanence d'accès aux droits : %s", "Rassemblement devant la mairie pour %s", "Formation militante : %s",
    "Concert de soutien (%s)", "Marche pour %s", "Porte-à-porte sur %s", "Café-débat : %s",
    "Collage d'affiches contre la casse de %s", "Soirée d'information sur %s"};
  private static final String[] PLACES = {
    "Bourse du travail", "Maison des associations", "Salle des fêtes", "Place de la Mairie", "Parc municipal",
    "Local du collectif", "Médiathèque", "Centre social", "MJC", "Café associatif", "Université, amphi B",
    "Jardin partagé", "Salle polyvalente", "Halle du marché", "Gymnase Jean Moulin"};
  private static final String[] STREETS = {
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta", "place de la Liberté",
    "rue Pasteur", "rue Jules Ferry", "quai de la Gare", "rue des Lilas", "avenue de la Libération",
    "rue Émile Zola", "cours Lafayette", "rue Louise Michel", "impasse des Tanneurs", "chemin des Vignes"};
  private static final String[] OPENINGS = {
    "Le collectif de %s vous invite à venir nombreuses et nombreux.",
    "Après la dernière assemblée, nous avons décidé de nous retrouver à %s pour avancer ensemble.",
    "Les habitant·es de %s se mobilisent et appellent à la solidarité de toutes et tous.",
    "À %s comme ailleurs, rien ne changera sans nous : rejoignez-nous.",
    "Suite à l'appel national, le collectif de %s organise ce rendez-vous ouvert à toutes et tous."};
  private static final String[] MIDDLES = {
    "Nous ferons le point sur %s, les prochaines actions et la répartition des tâches.",
    "Une intervenante présentera la situation de %s puis la parole sera à la salle.",
    "Venez avec vos questions, vos idées et vos témoignages sur %s.",
    "Nous préparerons ensemble la journée d'action sur %s : banderoles, tracts et itinéraire.",
    "La discussion portera sur %s et sur les suites à donner à la pétition (plus de %d signatures).",
    "Des militant·es de la coordination régionale viendront parler de %s.",
    "Un compte rendu de la dernière réunion sur %s sera disponible sur place."};
  private static final String[] PRACTICAL = {
    "Accueil à partir de %s", "Prix libre, au profit de la caisse de grève", "Garderie assurée sur place",
    "Lieu accessible en fauteuil roulant", "Traduction en langue des signes", "Apéro partagé après la réunion",
    "Covoiturage depuis la gare à %s", "Repas végétarien à prix libre", "Venez avec des pancartes"};
  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.FRENCH);

  private final int cities;
  private final Instant origin;
  private final LocalDate today;
  private final long seed;

  /**
   * @param cities how many collectives (city keys {@link #cityKey})
   * @param origin the generation time: start times spread over [origin - 365 d, origin + 365 d)
   */
  AgendaItems(int cities, Instant origin, long seed) {
    this.cities = cities;
    this.origin = origin;
    this.today = origin.atZone(NodeTime.DEFAULT_ZONE).toLocalDate();
    this.seed = seed;
  }

  /** The key of city {@code i}: {@code grenoble}, then {@code grenoble2}, {@code grenoble3}, … */
  static String cityKey(int i) {
    int round = i / CITY_KEYS.length;
    return CITY_KEYS[i % CITY_KEYS.length] + (round == 0 ? "" : String.valueOf(round + 1));
  }

  static String cityName(int i) {
    int round = i / CITY_KEYS.length;
    return CITY_NAMES[i % CITY_NAMES.length] + (round == 0 ? "" : " " + (round + 1));
  }

  /** A category drawn with the dataset's weights (for queries that should match as often as the data). */
  static String category(SplittableRandom r) {
    int x = r.nextInt(100);
    for (int i = 0; i < CATEGORIES.length; i++) {
      x -= CATEGORY_WEIGHTS[i];
      if (x < 0) {
        return CATEGORIES[i];
      }
    }
    return null;
  }

  AggregatedItem item(long index) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    int c = r.nextInt(cities);
    String city = cityKey(c);
    String cityName = cityName(c);
    String host = "coordo-" + city + ".example.org";
    String groupId = "https://" + host + "/actors/" + city;
    LocalDate day = today.plusDays(r.nextInt(730) - 365L);
    int minutes = 9 * 60 + 15 * r.nextInt(52);
    Instant start = day.atStartOfDay(NodeTime.DEFAULT_ZONE).plusMinutes(minutes).toInstant();
    Instant end = r.nextInt(10) < 8 ? start.plus(Duration.ofMinutes(60 + 30L * r.nextInt(6))) : null;
    Instant published = start.minus(Duration.ofMinutes(3 * 24 * 60 + r.nextInt(57 * 24 * 60)));
    Instant latest = origin.minusSeconds(60 + r.nextInt(3600));
    if (published.isAfter(latest)) {
      published = latest;
    }
    Instant updated = r.nextInt(10) == 0 ? min(published.plus(Duration.ofHours(1 + r.nextInt(120))), latest) : null;
    String id = "https://" + host + "/collectives/" + city + "/events/" + ulid(published.toEpochMilli(), r);
    String topic = TOPICS[r.nextInt(TOPICS.length)];
    String name = String.format(TITLES[r.nextInt(TITLES.length)], topic);
    if (r.nextInt(4) == 0) {
      name = name + " — " + cityName;
    }
    String place = PLACES[r.nextInt(PLACES.length)];
    String postal = String.format("%05d", 1000 + Math.floorMod(city.hashCode(), 94000));
    String address = (1 + r.nextInt(140)) + " " + STREETS[r.nextInt(STREETS.length)] + " " + postal + " " + cityName;
    String location = r.nextInt(20) == 0 ? null : place + ", " + address;
    Double lat = location != null && r.nextInt(10) < 7 ? 43.0 + r.nextDouble() * 7.5 : null;
    Double lon = lat == null ? null : -4.5 + r.nextDouble() * 12.0;
    String online = r.nextInt(20) == 0 ? "https://visio.example.org/" + city + "-" + Long.toString(index, 36) : null;
    String status = r.nextInt(100) < 3 ? "Cancelled" : "Scheduled";
    String summary = r.nextBoolean() ? null
        : String.format(MIDDLES[r.nextInt(MIDDLES.length)], topic, 100 + r.nextInt(5000));
    String content = content(r, cityName, topic, place, start);
    AggregatedEvent event = new AggregatedEvent(start, end, NodeTime.DEFAULT_ZONE.getId(), location, lat, lon, online,
        status, category(r));
    return new AggregatedItem(id, AggregatedKind.EVENT, city, cityName, host, groupId, name, summary, content, id,
        published, updated, 0, event, published.plusSeconds(2 + r.nextInt(30)));
  }

  private static String content(SplittableRandom r, String cityName, String topic, String place, Instant start) {
    StringBuilder html = new StringBuilder(700);
    ZonedDateTime at = start.atZone(NodeTime.DEFAULT_ZONE);
    String when = DAY.format(at) + " à " + at.toLocalTime();
    html.append("<p>").append(String.format(OPENINGS[r.nextInt(OPENINGS.length)], cityName)).append(" Rendez-vous ")
        .append(when).append(", ").append(place).append(".</p>");
    html.append("<p>").append(String.format(MIDDLES[r.nextInt(MIDDLES.length)], topic, 100 + r.nextInt(5000)));
    if (r.nextBoolean()) {
      html.append(' ').append(String.format(MIDDLES[r.nextInt(MIDDLES.length)], TOPICS[r.nextInt(TOPICS.length)],
          100 + r.nextInt(5000)));
    }
    html.append("</p><ul>");
    int items = 1 + r.nextInt(3);
    for (int i = 0; i < items; i++) {
      String early = start.atZone(NodeTime.DEFAULT_ZONE).toLocalTime().minusMinutes(15L * (1 + r.nextInt(4))).toString();
      html.append("<li>").append(String.format(PRACTICAL[r.nextInt(PRACTICAL.length)], early)).append("</li>");
    }
    html.append("</ul>");
    if (r.nextInt(3) == 0) {
      html.append("<p>Plus d'infos : <a href=\"https://pad.example.org/p/")
          .append(Long.toString(r.nextLong() >>> 20, 36))
          .append("\" rel=\"nofollow noopener\">le pad du collectif</a></p>");
    }
    return html.toString();
  }

  /** A ULID-like id: 10 characters of milliseconds, 16 of randomness (Crockford base 32). */
  private static String ulid(long millis, SplittableRandom r) {
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD.charAt((int) (millis & 31));
      millis >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = CROCKFORD.charAt(r.nextInt(32));
    }
    return new String(out);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
