package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.toolbox.ToolboxDocument;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.toolbox.ToolboxInput;
import org.coordo.server.service.toolbox.ToolboxService;
import org.coordo.server.service.toolbox.ToolboxUpload;

/**
 * The toolbox's pages ("boîte à outils"): the public shelf of a collective's public documents and each
 * document's page; in the members' space, every document (members) and the forms to add, edit,
 * replace a file and delete (editors). Rights are the service's ({@link ToolboxService}); what a
 * reader may not see is the 404 page. Downloads are {@link ToolboxDownloads}'.
 */
final class ToolboxPages {
  private final Pages pages;
  private final Accounts accounts;
  private final ToolboxService toolbox;
  private final Vertx vertx;

  ToolboxPages(Pages pages, Accounts accounts, ToolboxService toolbox, Vertx vertx) {
    this.pages = pages;
    this.accounts = accounts;
    this.toolbox = toolbox;
    this.vertx = vertx;
  }

  /** GET /collectives/{name}/toolbox: the public documents, by folder, for anyone. */
  void shelf(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    PageContext p = pages.context(ctx);
    displayName(name).compose(display -> toolbox.listPublic(name).map(docs -> {
      pages.render(ctx, 200, "toolbox.jte", p, "collective", name, "displayName", display,
          "folders", ToolboxView.shelves(docs, p.messages().locale()),
          "member", ToolboxService.isMember(p.principal(), name));
      return null;
    })).onFailure(e -> pages.error(ctx, e));
  }

  /** GET /collectives/{name}/toolbox/{id}: a document's page (members-only: members, else 404). */
  void document(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    PageContext p = pages.context(ctx);
    displayName(name).compose(display -> toolbox.get(p.principal(), name, ctx.pathParam("id")).map(doc -> {
      pages.render(ctx, 200, "toolbox-document.jte", p, "collective", name, "displayName", display,
          "d", new ToolboxView(doc, p.messages().locale()),
          "editor", ToolboxService.isEditor(p.principal(), name), "link", pages.base + ToolboxView.publicPath(name)
              + "/" + doc.id());
      return null;
    })).onFailure(e -> pages.error(ctx, e));
  }

  /** GET /espace/{collective}/toolbox: every document (members), the add form (editors). */
  void space(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    who.requireDraftFor(collective);
    showSpace(ctx, pages.context(ctx), who, collective, 200, Form.empty().set("audience", "public"),
        MemberPages.takeNotice(ctx, pages.context(ctx)));
  }

  /** POST /espace/{collective}/toolbox: a new document with its first file (editors). */
  void create(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    who.requirePublishFor(collective);
    PageContext p = pages.context(ctx);
    Form f = Form.of(ctx.request().formAttributes());
    Future<ToolboxInput> input = parse(f);
    Future<ToolboxUpload> file = upload(ctx);
    // Both checked at once: a missing title and a refused file are both said on the same page.
    Future.join(input, file).compose(both -> toolbox.create(who, collective, input.result(), file.result()))
        .onSuccess(doc -> {
          MemberPages.notice(ctx, "notice.toolboxAdded");
          Pages.redirect(ctx, new ToolboxView(doc, p.messages().locale()).editPath());
        })
        .onFailure(e -> {
          if (file.failed()) {
            fileError(f, file.cause());
          }
          Throwable main = input.failed() ? input.cause() : e;
          refused(ctx, f, main, form -> showSpace(ctx, p, who, collective, statusOf(main), form, null));
        });
  }

  /** GET /espace/{collective}/toolbox/doc/{id}: a document's details, files and versions (editors). */
  void edit(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    PageContext p = pages.context(ctx);
    String notice = MemberPages.takeNotice(ctx, p);
    toolbox.get(Optional.of(who), collective, ctx.pathParam("id")).map(doc -> {
      who.requirePublishFor(collective);
      return doc;
    }).onSuccess(doc -> showEdit(ctx, p, 200, doc, formOf(doc), notice)).onFailure(e -> pages.error(ctx, e));
  }

  /** POST /espace/{collective}/toolbox/doc/{id}: new title, description, folder or audience (editors). */
  void update(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("id");
    PageContext p = pages.context(ctx);
    Form f = Form.of(ctx.request().formAttributes());
    parse(f).compose(in -> toolbox.update(who, collective, id, in)).onSuccess(doc -> {
      MemberPages.notice(ctx, "notice.toolboxSaved");
      Pages.redirect(ctx, new ToolboxView(doc, p.messages().locale()).editPath());
    }).onFailure(e -> refused(ctx, f, e, form -> toolbox.get(Optional.of(who), collective, id)
        .onSuccess(doc -> showEdit(ctx, p, statusOf(e), doc, form, null))
        .onFailure(gone -> pages.error(ctx, gone))));
  }

  /** POST /espace/{collective}/toolbox/doc/{id}/files: another file, or ({@code replace}) a new version (editors). */
  void addFile(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("id");
    PageContext p = pages.context(ctx);
    Form f = Form.of(ctx.request().formAttributes());
    Integer replace = fileNumber(f.value("replace"));
    upload(ctx).compose(file -> toolbox.addFile(who, collective, id, file, replace)).onSuccess(doc -> {
      MemberPages.notice(ctx, replace == null ? "notice.toolboxFileAdded" : "notice.toolboxReplaced");
      Pages.redirect(ctx, new ToolboxView(doc, p.messages().locale()).editPath());
    }).onFailure(e -> refused(ctx, f, e, form -> toolbox.get(Optional.of(who), collective, id).onSuccess(doc -> {
      Form shown = formOf(doc).set("replace", f.value("replace"));
      if (form.hasError("file")) {
        shown.error("file", form.errorKey("file"), form.errorArg("file"));
      }
      showEdit(ctx, p, statusOf(e), doc, shown.general("form.hasErrors"), null);
    }).onFailure(gone -> pages.error(ctx, gone))));
  }

  /** POST /espace/{collective}/toolbox/doc/{id}/delete: deletes the document (editors). */
  void delete(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    toolbox.delete(who, collective, ctx.pathParam("id")).onSuccess(v -> {
      MemberPages.notice(ctx, "notice.toolboxDeleted");
      Pages.redirect(ctx, ToolboxView.spacePath(collective));
    }).onFailure(e -> pages.error(ctx, e));
  }

  /**
   * Failure handler of the toolbox's form POSTs for what was refused before a handler ran: a body
   * over the limit (413) gets a page that says how large a file may be; anything else goes on.
   */
  void tooLarge(RoutingContext ctx) {
    if (ctx.response().ended() || ErrorResponses.statusOf(ctx.failure() != null ? ctx.failure()
        : NodeError.of(ctx.statusCode() >= 400 ? ctx.statusCode() : 500, null)) != 413) {
      ctx.next();
      return;
    }
    PageContext p = pages.context(ctx);
    String back = ctx.request().path().replaceAll("/(files|delete)$", "");
    pages.render(ctx, 413, "toolbox-refused.jte", p, "message",
        p.t("toolbox.error.tooLarge", ToolboxService.MAX_FILE_BYTES / (1024 * 1024)), "back", back);
  }

  private void showSpace(RoutingContext ctx, PageContext p, Principal who, String collective, int status, Form f,
      String notice) {
    displayName(collective).compose(display -> toolbox.list(Optional.of(who), collective).map(docs -> {
      List<String> folders = docs.stream().map(ToolboxDocument::folder).filter(s -> !s.isEmpty()).distinct().sorted()
          .toList();
      pages.render(ctx, status, "toolbox-space.jte", p, "collective", collective, "displayName", display,
          "folders", ToolboxView.shelves(docs, p.messages().locale()), "folderNames", folders,
          "editor", who.canPublishFor(collective), "f", f, "notice", notice,
          "maxMegabytes", ToolboxService.MAX_FILE_BYTES / (1024 * 1024), "maxBytes", ToolboxService.MAX_FILE_BYTES);
      return null;
    })).onFailure(e -> pages.error(ctx, e));
  }

  private void showEdit(RoutingContext ctx, PageContext p, int status, ToolboxDocument doc, Form f, String notice) {
    toolbox.list(p.principal(), doc.collective()).onComplete(all -> {
      List<String> folders = all.succeeded() ? all.result().stream().map(ToolboxDocument::folder)
          .filter(s -> !s.isEmpty()).distinct().sorted().toList() : List.of();
      pages.render(ctx, status, "toolbox-edit.jte", p, "collective", doc.collective(),
          "d", new ToolboxView(doc, p.messages().locale()), "f", f, "notice", notice, "folderNames", folders,
          "maxMegabytes", ToolboxService.MAX_FILE_BYTES / (1024 * 1024), "maxBytes", ToolboxService.MAX_FILE_BYTES);
    });
  }

  private static Form formOf(ToolboxDocument doc) {
    return Form.empty().set("title", doc.title()).set("folder", doc.folder()).set("description", doc.description())
        .set("audience", doc.audience().wire());
  }

  /** The typed details, checked (a failed future with the fields' messages otherwise). */
  private static Future<ToolboxInput> parse(Form f) {
    try {
      return Future.succeededFuture(ToolboxInput.parse(f.value("folder"), f.value("title"), f.value("description"),
          f.value("audience")));
    } catch (NodeError e) {
      return Future.failedFuture(e);
    }
  }

  /** The form's file ({@code file}), read from the uploads directory; 422 when there is none, 413 over the limit. */
  private Future<ToolboxUpload> upload(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads().stream().filter(u -> "file".equals(u.name()) && u.size() > 0).toList();
    if (files.isEmpty()) {
      return Future.failedFuture(NodeError.validationFailed(java.util.Map.of("file", "is required")));
    }
    FileUpload file = files.get(0);
    if (file.size() > toolbox.maxFileBytes()) {
      return Future.failedFuture(NodeError.tooLarge("file larger than " + toolbox.maxFileBytes() + " bytes"));
    }
    return vertx.fileSystem().readFile(file.uploadedFileName())
        .map(bytes -> new ToolboxUpload(file.fileName(), file.contentType(), bytes.getBytes()));
  }

  /** Why the file was refused, next to the file field; false when the failure is not about the file. */
  private static boolean fileError(Form f, Throwable e) {
    int status = statusOf(e);
    String max = String.valueOf(ToolboxService.MAX_FILE_BYTES / (1024 * 1024));
    if (e instanceof NodeError ne && ne.fields().containsKey("file")) {
      String m = ne.fields().get("file");
      f.error("file", m.equals("is required") ? "toolbox.error.noFile"
          : m.contains("versions") ? "toolbox.error.tooManyVersions" : "toolbox.error.tooManyFiles");
      return true;
    }
    switch (status) {
      case 413 -> f.error("file", "toolbox.error.tooLarge", max);
      case 415 -> f.error("file", "toolbox.error.type");
      case 400 -> f.error("file", "toolbox.error.file");
      default -> {
        return false;
      }
    }
    return true;
  }

  private interface Redraw {
    void show(Form f);
  }

  /** A refused form comes back with what was typed and why, next to each field; other failures are the error page. */
  private void refused(RoutingContext ctx, Form f, Throwable e, Redraw redraw) {
    boolean aboutFile = fileError(f, e);
    if (e instanceof NodeError ne && !ne.fields().isEmpty()) {
      java.util.Map<String, String> others = new java.util.LinkedHashMap<>(ne.fields());
      others.remove("file");
      FieldMessages.apply(f, others);
      redraw.show(f);
      return;
    }
    if (!aboutFile) {
      pages.error(ctx, e);
      return;
    }
    redraw.show(f);
  }

  private static int statusOf(Throwable e) {
    return Pages.statusOf(e);
  }

  private static Integer fileNumber(String s) {
    return s != null && s.matches("[1-9][0-9]{0,3}") ? Integer.valueOf(s) : null;
  }

  /** The collective's display name; 404 for an unknown collective. */
  private Future<String> displayName(String name) {
    return accounts.collectives().find(name).map(found -> found.map(c -> c.collective().displayName())
        .filter(d -> d != null && !d.isBlank()).orElseGet(() -> {
          if (found.isEmpty()) {
            throw NodeError.notFound("collective");
          }
          return name;
        }));
  }
}
