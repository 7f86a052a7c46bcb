package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.coordo.federation.vocab.Negotiation;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.publication.Publishing;
import org.coordo.storage.Cursor;
import org.coordo.storage.Page;

/**
 * A collective's archives for people: {@code /collectives/{name}/calls} and {@code …/minutes} (newest
 * first), {@code …/events} (upcoming, soonest first) and {@code …/past-events} (latest first),
 * {@value #PAGE} a page, paged by cursor ({@code ?cursor=}).
 *
 * <p>{@code calls} and {@code minutes} are also the collective's ActivityStreams collections
 * ({@code api/publication/PublicObjectHandler}, mounted after the pages): a client that does not
 * prefer HTML goes on there, the way federation passes a browser on from an object's id. The events
 * archives have no other form: ActivityStreams clients go on (to the node's JSON 404).
 */
public final class ArchivePages {
  static final int PAGE = 20;

  /** The archives of a collective, in the order the navigation lists them. */
  public enum Archive {
    UPCOMING("events", "upcoming", false),
    PAST("past-events", "past", false),
    CALLS("calls", "calls", true),
    MINUTES("minutes", "minutes", true);

    private final String segment;
    private final String id;
    private final boolean collection;

    Archive(String segment, String id, boolean collection) {
      this.segment = segment;
      this.id = id;
      this.collection = collection;
    }

    /** The URL segment under {@code /collectives/{name}/}. */
    public String segment() {
      return segment;
    }

    /** The name in message keys ({@code archive.{id}.title}). */
    public String id() {
      return id;
    }
  }

  private final Pages pages;
  private final Accounts accounts;
  private final Publishing pub;

  ArchivePages(Pages pages, Accounts accounts, Publishing publishing) {
    this.pages = pages;
    this.accounts = accounts;
    this.pub = publishing;
  }

  void show(RoutingContext ctx, Archive archive) {
    String accept = ctx.request().getHeader("Accept");
    if (archive.collection ? !Negotiation.prefersHtml(accept) : Negotiation.wantsActivityStreams(accept)) {
      ctx.next();
      return;
    }
    String name = ctx.pathParam("name");
    Cursor cursor = cursor(ctx.queryParams().get("cursor"));
    PageContext p = pages.context(ctx);
    accounts.collectives().find(name).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(NodeError.notFound("collective"));
      }
      String display = found.get().collective().displayName();
      String collectiveName = display == null || display.isBlank() ? name : display;
      return read(name, archive, cursor).map(page -> {
        String base = "/collectives/" + name;
        List<PublicationView> items = page.items().stream()
            .map(x -> new PublicationView(x, pub.uris, p.messages().locale())).toList();
        String next = page.next().map(c -> base + "/" + archive.segment() + "?cursor=" + c.encode()).orElse(null);
        return new ArchivePage(archive, collectiveName, base, items, next, cursor != null);
      });
    }).onSuccess(a -> pages.render(ctx, 200, "archive.jte", p, "a", a)).onFailure(e -> pages.error(ctx, e));
  }

  private Future<Page<Publication>> read(String collective, Archive archive, Cursor cursor) {
    return switch (archive) {
      case UPCOMING -> pub.service.upcoming(collective, cursor, PAGE);
      case PAST -> pub.service.past(collective, cursor, PAGE);
      case CALLS -> pub.service.published(collective, PublicationKind.CALL, cursor, PAGE);
      case MINUTES -> pub.service.published(collective, PublicationKind.MINUTES, cursor, PAGE);
    };
  }

  /** The page's cursor; a cursor that does not decode is the visitor's bad link (400). */
  private static Cursor cursor(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Cursor.decode(text);
    } catch (IllegalArgumentException e) {
      throw NodeError.badParameter("cursor", "not a page of this list");
    }
  }
}
