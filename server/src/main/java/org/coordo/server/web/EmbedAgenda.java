package org.coordo.server.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.coordo.server.text.SafeUrls;

/**
 * The agenda an embed shows on another site (the iframe page and the {@code <coordo-agenda>} web
 * component draw the same one): a title, the upcoming events already formatted in the reader's
 * language, and the link to the whole agenda on the node. Every event URL here went through
 * {@link SafeUrls#http}: absolute (the web component draws it on another site) and http(s) only
 * (events of the national agenda come from other nodes: untrusted).
 *
 * @param more the whole agenda's page on this node
 */
public record EmbedAgenda(String lang, String title, String more, List<Item> items) {

  /**
   * One event. {@code url} is null when the event's own URL is not a safe http(s) link.
   *
   * @param city the city (national agenda only), else empty
   */
  public record Item(String title, String url, String when, String place, String city, boolean cancelled) {
    static Item of(PublicationView v) {
      return new Item(v.title(), SafeUrls.http(v.url()).orElse(null), v.when(), v.placeName(), "", v.cancelled());
    }

    static Item of(NationalEntry e) {
      return new Item(e.title(), SafeUrls.http(e.url()).orElse(null), e.when(), e.place(), e.city(), e.cancelled());
    }
  }

  /** The JSON the web component reads (texts are plain text: the component sets them as text, never as HTML). */
  public JsonObject toJson(String noneText, String cancelledText, String moreText) {
    JsonArray list = new JsonArray();
    for (Item i : items) {
      list.add(new JsonObject().put("title", i.title()).put("url", i.url()).put("when", i.when())
          .put("place", i.place()).put("city", i.city()).put("cancelled", i.cancelled()));
    }
    return new JsonObject().put("lang", lang).put("title", title).put("more", more).put("items", list)
        .put("texts", new JsonObject().put("none", noneText).put("cancelled", cancelledText)
            .put("more", moreText));
  }
}
