package org.coordo.server.api.publication;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.function.Function;
import org.coordo.federation.Federation;
import org.coordo.federation.Uris;
import org.coordo.federation.TimeSortableIds;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.NodeContext;
import org.coordo.server.fedimpl.PublishingFederation;
import org.coordo.server.service.publication.MediaService;
import org.coordo.server.service.publication.Publishing;
import org.coordo.server.text.TextWork;

/**
 * Collective publishing on the node: calls, minutes and events (JSON API, public objects,
 * collections, attachments, moderation). Mount after the accounts module (whose {@code
 * AuthHandler} runs on every route) and after the module that builds the node's {@link
 * Federation}; that module calls {@link PublishingFederation#configure} with {@link
 * #publishing()} on its builder, so replies, likes and blocks reach this module.
 *
 * <p>Attachments live in {@code dataDir/media}; uploads in progress in {@code dataDir/media/.uploads}.
 */
public final class PublicationModule implements HttpModule {
  private final Function<NodeContext, Future<Federation>> federationSource;
  private final long maxMediaBytes;
  private volatile Publishing publishing;
  private Federation federation;

  /** @param federationSource the node's federation (built by an earlier module) */
  public PublicationModule(Function<NodeContext, Future<Federation>> federationSource) {
    this(federationSource, MediaService.DEFAULT_MAX_BYTES);
  }

  public PublicationModule(Function<NodeContext, Future<Federation>> federationSource, long maxMediaBytes) {
    this.federationSource = federationSource;
    this.maxMediaBytes = maxMediaBytes;
  }

  @Override
  public Future<Void> start(NodeContext ctx) {
    Path media = ctx.config().dataDir().resolve("media");
    return federationSource.apply(ctx).compose(fed -> {
      this.federation = fed;
      return ctx.storage().call(store -> new Publishing(store, ctx.storage()::call,
          PublishingFederation.publisher(() -> federation), new Uris(ctx.config().publicUrl()), ctx.clock(),
          new TimeSortableIds(ctx.clock()), media, maxMediaBytes, TextWork.on(ctx.vertx())));
    }).map(p -> {
      this.publishing = p;
      return null;
    });
  }

  @Override
  public void mount(Router router, NodeContext ctx) {
    Path uploads = ctx.config().dataDir().resolve("media").resolve(".uploads");
    new PublicationRoutes(publishing, null, uploads, federation.authorizedFetch(), ctx.bodyBudget()).mount(router);
  }

  /** Publishing's services once started, null before (what {@link PublishingFederation#configure} reads). */
  public Publishing publishing() {
    return publishing;
  }
}
