package org.coordo.server.web;

import io.vertx.core.Handler;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.file.Path;
import org.coordo.federation.BodyBudget;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.toolbox.ToolboxService;

/**
 * Mounts the toolbox ("boîte à outils", issue 16), after the other pages. Every route and the role it
 * needs (a members-only document, its files and versions answer 404 to whoever is not a member; an
 * earlier version answers 404 to whoever is not an editor):
 *
 * <pre>
 * GET  /collectives/{name}/toolbox                                  anyone: the public documents only
 * GET  /collectives/{name}/toolbox/{id}                             anyone (public) / member (members-only): the document's page
 * GET  /collectives/{name}/toolbox/{id}/download                    same: the first file's current version
 * GET  /collectives/{name}/toolbox/{id}/files/{file}                same: that file's current version
 * GET  /collectives/{name}/toolbox/{id}/files/{file}/versions/{n}   same for the current version; editor for an earlier one
 * GET  /espace/{collective}/toolbox                                 member: every document; editor: the add form
 * POST /espace/{collective}/toolbox                                 editor: a new document and its first file (multipart)
 * GET  /espace/{collective}/toolbox/doc/{id}                        editor: details, files, versions
 * POST /espace/{collective}/toolbox/doc/{id}                        editor: new details
 * POST /espace/{collective}/toolbox/doc/{id}/files                  editor: another file, or a new version of one (multipart)
 * POST /espace/{collective}/toolbox/doc/{id}/delete                 editor: delete the document
 * </pre>
 *
 * The {@code /espace} routes send an anonymous visitor to the login page, as the whole members' space
 * does; the node's {@code CrossSiteGuard} checks every POST's form token. The multipart routes get
 * their own body handler (the file and the form, {@link ToolboxService#maxUploadBodyBytes()}, drawn
 * from the node's body budget) ahead of the node's.
 */
public final class ToolboxRoutes {
  private final Pages pages;
  private final ToolboxPages toolboxPages;
  private final ToolboxDownloads downloads;
  private final BodyBudget bodyBudget;
  private final Path uploadsDir;
  private final long maxUploadBytes;

  public ToolboxRoutes(Vertx vertx, Accounts accounts, ToolboxService toolbox, URI publicUrl, Path uploadsDir,
      BodyBudget bodyBudget) {
    this.pages = new Pages(Messages.load(), new Renderer(), publicUrl);
    this.toolboxPages = new ToolboxPages(pages, accounts, toolbox, vertx);
    this.downloads = new ToolboxDownloads(pages, toolbox);
    this.bodyBudget = bodyBudget;
    this.uploadsDir = uploadsDir;
    this.maxUploadBytes = toolbox.maxUploadBodyBytes();
  }

  public void mount(Router router) {
    String shelf = "/collectives/:name/toolbox";
    get(router, shelf, Access.PUBLIC, toolboxPages::shelf);
    get(router, shelf + "/:id", Access.PUBLIC, toolboxPages::document);
    get(router, shelf + "/:id/download", Access.PUBLIC, downloads::main);
    get(router, shelf + "/:id/files/:file", Access.PUBLIC, downloads::current);
    get(router, shelf + "/:id/files/:file/versions/:n", Access.PUBLIC, downloads::version);

    String space = "/espace/:collective/toolbox";
    String doc = space + "/doc/:id";
    for (String multipart : new String[] {space, doc + "/files"}) {
      router.post(multipart).order(-1).handler(bodyBudget.guard(maxUploadBytes, BodyHandler.create(true)
          .setBodyLimit(maxUploadBytes).setUploadsDirectory(uploadsDir.toString()).setDeleteUploadedFilesOnEnd(true)));
      router.post(multipart).order(-3).failureHandler(toolboxPages::tooLarge);
    }
    get(router, space, Access.MEMBER, toolboxPages::space);
    post(router, space, Access.EDITOR, toolboxPages::create);
    get(router, doc, Access.EDITOR, toolboxPages::edit);
    post(router, doc, Access.EDITOR, toolboxPages::update);
    post(router, doc + "/files", Access.EDITOR, toolboxPages::addFile);
    post(router, doc + "/delete", Access.EDITOR, toolboxPages::delete);
  }

  /** A toolbox page, with what it needs declared where it is registered (the {@link AccessGate} checks it). */
  private void get(Router router, String path, Access access, Handler<RoutingContext> handler) {
    pages.mount(router.get(path), access, handler);
  }

  private void post(Router router, String path, Access access, Handler<RoutingContext> handler) {
    pages.mount(router.post(path), access, handler);
  }
}
