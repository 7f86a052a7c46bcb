package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import org.coordo.federation.FederationContext;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.CrossSiteGuard;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.Publishing;
import org.coordo.server.text.HtmlSanitizer;
import org.coordo.server.text.MarkdownRenderer;
import org.coordo.server.text.TextWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing in the members' space: the form for a call, minutes or event (new and edit), with a
 * server-side preview (the page comes back at {@code #preview}), one attachment upload per submission,
 * "save draft" and "publish"; and the publish, cancel and delete buttons (cancel and delete go out to the
 * fediverse, so they ask first: {@link ConfirmStep}). The event form offers {@link EventFormChoices}. The form is turned into the JSON API's document and parsed
 * by the publishing converter, so the rules are the API's; its per-field errors come back next to
 * each field in the reader's language.
 */
final class EditorPages {
  private static final Logger LOG = LoggerFactory.getLogger(EditorPages.class);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final Pages pages;
  private final Publishing pub;
  private final Vertx vertx;
  private final FederationContext federation;
  private final MarkdownRenderer markdown = new MarkdownRenderer(new HtmlSanitizer());
  private final TextWork text;
  private final ConfirmStep confirm;
  private final EventFormChoices choices;

  EditorPages(Pages pages, Publishing publishing, Vertx vertx, FederationContext federation) {
    this.pages = pages;
    this.pub = publishing;
    this.vertx = vertx;
    this.text = TextWork.on(vertx);
    this.federation = federation;
    this.confirm = new ConfirmStep(pages, publishing, federation);
    this.choices = new EventFormChoices(publishing);
  }

  /** "Published: sent to N followers" (accepted followers of the collective's group), when known. */
  private Future<String> publishedNotice(String collective) {
    if (federation == null) {
      return Future.succeededFuture("notice.published");
    }
    return federation.followerCount(collective)
        .map(n -> "notice.publishedTo~" + n)
        .recover(e -> Future.succeededFuture("notice.published"));
  }

  void newForm(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PublicationKind kind = kind(ctx);
    String collective = ctx.pathParam("collective");
    PageContext p = pages.context(ctx);
    Form f = Form.empty().set("timezone", NodeTime.DEFAULT_ZONE.getId()).set("language", p.lang());
    // "As the collective" starts as the collective's setting; the editor can still choose.
    pub.service.asCollectiveByDefault(collective).onComplete(hidden -> {
      f.set("asCollective", hidden.succeeded() && hidden.result() ? "yes" : "no");
      show(ctx, p, 200, f, kind, collective, null, null);
    });
  }

  void editForm(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PublicationKind kind = kind(ctx);
    String collective = ctx.pathParam("collective");
    PageContext p = pages.context(ctx);
    pub.service.get(Optional.of(who), new PublicationKey(collective, kind, ctx.pathParam("id")))
        .onSuccess(existing -> show(ctx, p, 200, formOf(existing), kind, collective, existing.id(), null))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** POST of the form (new when {@code id} is absent): preview, save a draft, or publish. */
  void submit(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PublicationKind kind = kind(ctx);
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("id");
    PageContext p = pages.context(ctx);
    Form f = Form.of(ctx.request().formAttributes());
    String action = f.value("action");
    upload(ctx, who, collective, f).compose(v -> {
      if (f.hasErrors()) {
        return Future.succeededFuture(null);
      }
      PublicationInput input;
      try {
        input = pub.api.parse(document(f, kind), kind);
      } catch (NodeError e) {
        return Future.failedFuture(e);
      }
      if (action.equals("preview")) {
        return Future.succeededFuture(null);
      }
      boolean publish = action.equals("publish");
      return id == null ? pub.service.create(who, collective, kind, input, publish)
          : pub.service.update(who, new PublicationKey(collective, kind, id), input, publish);
    }).compose(saved -> saved == null || !saved.isPublished()
        ? Future.succeededFuture(new Object[] {saved, "notice.draftSaved"})
        : saved.isMembersOnly() ? Future.succeededFuture(new Object[] {saved, "notice.publishedInternal"})
        : publishedNotice(collective).map(n -> new Object[] {saved, n})
    ).onSuccess(pair -> {
      Publication saved = (Publication) pair[0];
      if (saved == null) {
        if (f.hasErrors()) {
          show(ctx, p, 422, f, kind, collective, id, null);
          return;
        }
        text.run(() -> markdown.toHtml(f.value("content")))
            .onSuccess(preview -> show(ctx, p, 200, f, kind, collective, id, preview))
            .onFailure(e -> refusedWith(ctx, p, f, kind, collective, id, e));
        return;
      }
      MemberPages.notice(ctx, (String) pair[1]);
      Pages.redirect(ctx, saved.isPublished() ? new PublicationView(saved, pub.uris, p.messages().locale()).path()
          : "/espace");
    }).onFailure(e -> {
      if (e instanceof NodeError pe && !pe.fields().isEmpty()) {
        FieldMessages.apply(f, pe.fields());
        show(ctx, p, 422, f, kind, collective, id, null);
      } else {
        refusedWith(ctx, p, f, kind, collective, id, e);
      }
    });
  }

  /**
   * Failure handler of the form's POST routes, for a submission refused before {@link #submit} ran
   * (a wrong form token, a body over its limit, a body that does not decode): the form again, with
   * whatever was received, for a signed-in member; otherwise the next handler's error page.
   */
  void refused(RoutingContext ctx) {
    Optional<PublicationKind> kind = PublicationKind.fromSegment(ctx.pathParam("kind"));
    if (ctx.response().ended() || AuthHandler.principal(ctx) == null || kind.isEmpty() || !fromOurPage(ctx)) {
      ctx.next();
      return;
    }
    Form f = Form.of(ctx.request().formAttributes());
    refusedWith(ctx, pages.context(ctx), f, kind.get(), ctx.pathParam("collective"), ctx.pathParam("id"),
        ctx.failure() != null ? ctx.failure() : NodeError.of(ctx.statusCode() >= 400 ? ctx.statusCode() : 500,
            "refused"));
  }

  /**
   * Whether the browser says the form was sent from one of this node's pages ({@code Origin}, sent
   * with every form POST). A form forged on another site is not shown back to the member pre-filled
   * with a fresh token (they could be led to send it): it gets the error page.
   */
  private boolean fromOurPage(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    try {
      return origin != null && pages.host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A refused submission never loses its text: the form again, its status, and why above it. */
  private void refusedWith(RoutingContext ctx, PageContext p, Form f, PublicationKind kind, String collective,
      String id, Throwable failure) {
    NodeError error = ErrorResponses.describe(failure, -1, -1);
    if (error.status() >= 500) {
      LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), error.safeMessage(), failure);
    }
    if (error.status() == 413) {
      f.error("attachment", "error.attachmentTooLarge");
    }
    f.general(switch (error.status()) {
      case 403 -> CrossSiteGuard.MESSAGE.equals(error.safeMessage()) ? "form.expired" : "error.403";
      case 409 -> "form.visibility.refused";
      case 413 -> "form.tooLarge";
      case 422 -> "form.tooComplex";
      default -> error.status() >= 500 ? "form.notSaved" : "form.notReceived";
    });
    show(ctx, p, error.status(), f, kind, collective, id, null);
  }

  void publish(RoutingContext ctx) {
    act(ctx, (who, key) -> pub.service.publish(who, key).compose(x -> x.isMembersOnly()
        ? Future.succeededFuture("notice.publishedInternal") : publishedNotice(key.collective())));
  }

  /** Cancels an event once confirmed (the first POST answers the {@link ConfirmStep} page). */
  void cancel(RoutingContext ctx) {
    confirmed(ctx, ConfirmStep.What.CANCEL, (who, key) -> pub.service.cancel(who, key).map(x -> "notice.cancelled"));
  }

  /** Deletes a publication once confirmed (the first POST answers the {@link ConfirmStep} page). */
  void delete(RoutingContext ctx) {
    confirmed(ctx, ConfirmStep.What.DELETE, (who, key) -> pub.service.delete(who, key).map(x -> "notice.deleted"));
  }

  private void confirmed(RoutingContext ctx, ConfirmStep.What what, Action action) {
    if (ConfirmStep.confirmed(ctx)) {
      act(ctx, action);
      return;
    }
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who != null) {
      confirm.ask(ctx, who, new PublicationKey(ctx.pathParam("collective"), kind(ctx), ctx.pathParam("id")), what);
    }
  }

  private interface Action {
    Future<String> run(Principal who, PublicationKey key);
  }

  private void act(RoutingContext ctx, Action action) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PublicationKey key = new PublicationKey(ctx.pathParam("collective"), kind(ctx), ctx.pathParam("id"));
    action.run(who, key).onSuccess(notice -> {
      MemberPages.notice(ctx, notice);
      Pages.redirect(ctx, "/espace");
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** Stores the uploaded file (if any) and adds it to the form's attachments. */
  private Future<Void> upload(RoutingContext ctx, Principal who, String collective, Form f) {
    List<FileUpload> files = ctx.fileUploads().stream().filter(u -> u.size() > 0 && "attachment".equals(u.name()))
        .toList();
    if (files.isEmpty()) {
      return Future.succeededFuture();
    }
    FileUpload file = files.get(0);
    return vertx.fileSystem().readFile(file.uploadedFileName())
        .compose(bytes -> pub.media.store(who, collective, bytes.getBytes(), file.contentType()))
        .map(ref -> {
          List<String> list = new ArrayList<>(f.values("attachments"));
          list.add(ref.hash() + ":" + safeName(file.fileName()));
          f.setAll("attachments", list);
          return (Void) null;
        })
        .recover(e -> {
          int status = Pages.statusOf(e);
          f.error("attachment", status == 413 ? "error.attachmentTooLarge"
              : status == 415 ? "error.attachmentType" : "error.attachment");
          return Future.succeededFuture();
        });
  }

  private static String safeName(String name) {
    String n = name == null ? "" : name.replaceAll("[\\p{Cntrl}]", "").strip();
    return n.length() > 200 ? n.substring(0, 200) : n;
  }

  /** The JSON API document of a submitted form (blank fields left out, as the API expects). */
  static JsonObject document(Form f, PublicationKind kind) {
    JsonObject doc = new JsonObject();
    for (String name : List.of("title", "summary", "content", "language", "visibility")) {
      put(doc, name, f.value(name));
    }
    if (f.value("asCollective").equals("yes") || f.value("asCollective").equals("no")) {
      doc.put("asCollective", f.value("asCollective").equals("yes"));
    }
    JsonArray attachments = new JsonArray();
    for (String a : f.values("attachments")) {
      int colon = a.indexOf(':');
      String hash = colon < 0 ? a : a.substring(0, colon);
      String name = colon < 0 ? "" : a.substring(colon + 1);
      attachments.add(name.isBlank() ? new JsonObject().put("hash", hash)
          : new JsonObject().put("hash", hash).put("name", name));
    }
    if (!attachments.isEmpty()) {
      doc.put("attachments", attachments);
    }
    if (kind == PublicationKind.MINUTES) {
      put(doc, "assemblyDate", f.value("assemblyDate"));
      put(doc, "place", f.value("place"));
      put(doc, "attendance", f.value("attendance"));
      List<String> decisions = Arrays.stream(f.value("decisions").split("\\R")).map(String::strip)
          .filter(s -> !s.isEmpty()).toList();
      if (!decisions.isEmpty()) {
        doc.put("decisions", new JsonArray(new ArrayList<>(decisions)));
      }
    }
    if (kind == PublicationKind.EVENT) {
      put(doc, "startTime", f.value("startTime"));
      put(doc, "endTime", f.value("endTime"));
      put(doc, "timezone", f.value("timezone"));
      put(doc, "category", f.value("category"));
      JsonObject location = new JsonObject();
      put(location, "name", f.value("location.name"));
      put(location, "address", f.value("location.address"));
      put(location, "url", f.value("location.url"));
      String[] coords = FormCoordinates.split(f.value("location.latitude"), f.value("location.longitude"));
      for (int i = 0; i < 2; i++) {
        if (!coords[i].isEmpty()) {
          // a number, or the text as typed: the converter then says why it is refused
          location.put(i == 0 ? "latitude" : "longitude", FormCoordinates.value(coords[i]));
        }
      }
      if (!location.isEmpty()) {
        doc.put("location", location);
      }
      // the day of action it answers (issue 17): a pasted address wins over the list
      String pasted = f.value("actionDayUrl").strip();
      put(doc, "partOfActionDay", pasted.isEmpty() ? f.value("actionDayChoice") : pasted);
    }
    if (kind == PublicationKind.CALL) {
      JsonObject day = new JsonObject();
      put(day, "firstDay", f.value("actionDay.firstDay"));
      put(day, "lastDay", f.value("actionDay.lastDay"));
      put(day, "theme", f.value("actionDay.theme"));
      if (!day.isEmpty()) {
        doc.put("actionDay", day);
      }
    }
    return doc;
  }

  private static void put(JsonObject doc, String name, String value) {
    if (value != null && !value.isBlank()) {
      doc.put(name, value.strip());
    }
  }

  /** The form filled with a stored publication. */
  private static Form formOf(Publication x) {
    Form f = Form.empty().set("title", x.title()).set("summary", x.summaryText()).set("content", x.contentSource())
        .set("language", x.language()).set("asCollective", x.asCollective() ? "yes" : "no")
        .set("visibility", x.audience().wire())
        .set("visibilityLocked", x.isPublished() && !x.isMembersOnly() ? "true" : null);
    f.setAll("attachments", x.attachments().stream().map(m -> m.hash() + ":" + (m.name() == null ? "" : m.name()))
        .toList());
    if (x.minutes() != null) {
      f.set("assemblyDate", x.minutes().assemblyDate() == null ? null : x.minutes().assemblyDate().toString())
          .set("place", x.minutes().place()).set("attendance", x.minutes().attendance())
          .set("decisions", String.join("\n", x.minutes().decisions()));
    }
    if (x.actionDay() != null) {
      f.set("actionDay.firstDay", x.actionDay().firstDay().toString())
          .set("actionDay.lastDay", x.actionDay().lastDay() == null ? null : x.actionDay().lastDay().toString())
          .set("actionDay.theme", x.actionDay().theme());
    }
    EventDetails e = x.event();
    if (e != null) {
      f.set("partOfActionDay", e.actionDay());
      f.set("startTime", LOCAL.format(e.startTime().atZone(e.timezone())))
          .set("endTime", e.endTime() == null ? null : LOCAL.format(e.endTime().atZone(e.timezone())))
          .set("timezone", e.timezone().getId())
          .set("category", e.category() == null ? null : e.category().name());
      EventLocation l = e.location();
      if (l != null) {
        f.set("location.name", l.name())
            .set("location.address", l.addressText() != null ? l.addressText()
                : l.address() != null ? l.address().oneLine() : null)
            .set("location.latitude", l.latitude() == null ? null : String.valueOf(l.latitude()))
            .set("location.longitude", l.longitude() == null ? null : String.valueOf(l.longitude()))
            .set("location.url", l.onlineUrl());
      }
    }
    return f;
  }

  private void show(RoutingContext ctx, PageContext p, int status, Form f, PublicationKind kind, String collective,
      String id, String preview) {
    String action = id == null ? "/espace/" + collective + "/" + kind.segment() + "/new"
        : "/espace/" + collective + "/" + kind.segment() + "/" + id + "/edit";
    String heading = p.t((id == null ? "form.new." : "form.edit.") + kind.segment());
    List<String> categories = Arrays.stream(EventCategory.values()).map(Enum::name).toList();
    Future<List<PlaceChoice>> places = kind == PublicationKind.EVENT
        ? choices.places(p.principal(), collective) : Future.succeededFuture(List.of());
    Future<List<DayChoice>> days = kind == PublicationKind.EVENT
        ? choices.actionDays(f, p.messages().locale()) : Future.succeededFuture(List.of());
    places.onComplete(found -> days.onComplete(dayList -> pages.render(ctx, status, "edit.jte", p, "f", f,
        "kind", kind.segment(),
        "dayChoices", dayList.succeeded() ? dayList.result() : List.<DayChoice>of(),
        "action", action, "heading", heading, "previewHtml", preview, "categories", categories,
        "commonZones", EventFormChoices.commonZones(f.value("timezone")), "otherZones", EventFormChoices.otherZones(),
        "places", found.succeeded() ? found.result() : List.<PlaceChoice>of(),
        "maxAttachmentBytes", pub.media.maxBytes(), "visibilityLocked", "true".equals(f.value("visibilityLocked")))));
  }

  static PublicationKind kind(RoutingContext ctx) {
    return PublicationKind.fromSegment(ctx.pathParam("kind"))
        .orElseThrow(() -> NodeError.notFound("page"));
  }

}
