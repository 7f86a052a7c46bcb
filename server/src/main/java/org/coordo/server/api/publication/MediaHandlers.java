package org.coordo.server.api.publication;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.MediaService;

/**
 * Upload ({@code POST /api/collectives/{name}/attachments}, multipart with one file or a raw body
 * with its Content-Type) and download ({@code GET /media/<sha256>.<ext>}: immutable, cached for a
 * year, {@code nosniff}, served as the sniffed type).
 */
final class MediaHandlers {
  private final MediaService media;
  private final PublicationUris uris;

  MediaHandlers(MediaService media, PublicationUris uris) {
    this.media = media;
    this.uris = uris;
  }

  Future<JsonObject> upload(RoutingContext ctx) {
    Principal who = AuthHandler.require(ctx);
    String collective = Params.collective(ctx);
    String contentType = ctx.request().getHeader("Content-Type");
    Future<byte[]> bytes;
    String declared;
    String name = ctx.request().getParam("name");
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      if (ctx.fileUploads().size() != 1) {
        throw NodeError.badRequest("send exactly one file");
      }
      FileUpload upload = ctx.fileUploads().get(0);
      declared = upload.contentType();
      if (upload.size() > media.maxBytes()) {
        throw NodeError.tooLarge("attachment larger than " + media.maxBytes() + " bytes");
      }
      if (name == null) {
        name = ctx.request().getFormAttribute("name");
      }
      bytes = ctx.vertx().fileSystem().readFile(upload.uploadedFileName()).map(Buffer::getBytes);
    } else {
      declared = contentType;
      Buffer body = ctx.body() == null ? null : ctx.body().buffer();
      if (body == null || body.length() == 0) {
        throw NodeError.badRequest("an attachment body is required");
      }
      bytes = Future.succeededFuture(body.getBytes());
    }
    String description = name == null || name.isBlank() ? null : name.strip();
    return bytes.compose(b -> media.store(who, collective, b, declared)).map(ref -> {
      ctx.response().setStatusCode(201);
      var withName = ref.withName(description);
      return new JsonObject()
          .put("hash", ref.hash())
          .put("url", uris.media(ref).toString())
          .put("mediaType", ref.mediaType())
          .put("size", ref.size())
          .put("activityStreams", PublicationAsConverter.attachment(uris, withName));
    });
  }

  void serve(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    media.find(file).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(NodeError.notFound("media"));
        return;
      }
      var ref = found.get();
      ctx.response()
          .putHeader("Content-Type", ref.mediaType())
          .putHeader("Cache-Control", "public, max-age=31536000, immutable")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
          .putHeader("ETag", "\"" + ref.hash() + "\"");
      if (("\"" + ref.hash() + "\"").equals(ctx.request().getHeader("If-None-Match"))) {
        ctx.response().setStatusCode(304).end();
        return;
      }
      ctx.response().sendFile(media.mediaDir().resolve(ref.fileName()).toString()).onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }
}
