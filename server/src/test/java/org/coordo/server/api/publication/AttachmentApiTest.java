package org.coordo.server.api.publication;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.coordo.server.api.publication.PublishingHarness.EDITOR;
import static org.coordo.server.api.publication.PublishingHarness.OUTSIDER;
import static org.coordo.server.api.publication.PublishingHarness.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentApiTest {
  static final byte[] PNG = org.coordo.server.service.publication.MetadataStripperTest.image("png", 4, 4);
  static final byte[] PDF = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  @TempDir Path dir;
  PublishingHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new PublishingHarness(dir, 64 * 1024);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  HttpResponse<Buffer> upload(byte[] bytes, String type, String token) {
    return await(h.request(POST, "/api/collectives/grenoble/attachments?name=Affiche", token)
        .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(bytes)));
  }

  @Test
  void rawUploadIsSniffedStoredByHashAndServedImmutable() throws Exception {
    HttpResponse<Buffer> r = upload(PNG, "image/png", EDITOR);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    String hash = body.getString("hash");
    assertEquals(64, hash.length());
    assertEquals(h.base + "/media/" + hash + ".png", body.getString("url"));
    assertEquals("Image", body.getJsonObject("activityStreams").getString("type"));
    assertEquals("Affiche", body.getJsonObject("activityStreams").getString("name"));
    assertTrue(Files.exists(dir.resolve("media").resolve(hash + ".png")));

    HttpResponse<Buffer> again = upload(PNG, "image/png", EDITOR);
    assertEquals(hash, again.bodyAsJsonObject().getString("hash"), "same bytes, same file");
    try (Stream<Path> files = Files.list(dir.resolve("media"))) {
      assertEquals(1, files.count(), "stored once, no temp file left");
    }

    HttpResponse<Buffer> media = await(h.request(GET, "/media/" + hash + ".png", null).send());
    assertEquals(200, media.statusCode());
    assertEquals("image/png", media.getHeader("Content-Type"));
    assertEquals("public, max-age=31536000, immutable", media.getHeader("Cache-Control"));
    assertEquals("nosniff", media.getHeader("X-Content-Type-Options"));
    assertArrayEquals(PNG, media.bodyAsBuffer().getBytes());
    assertEquals(404, await(h.request(GET, "/media/" + hash + ".pdf", null).send()).statusCode());
    assertEquals(404, await(h.request(GET, "/media/..%2F..%2Fetc%2Fpasswd", null).send()).statusCode());
  }

  @Test
  void multipartUploadWorksAndAttachmentsAppearInTheObject() {
    MultipartForm form = MultipartForm.create().attribute("name", "Tract")
        .binaryFileUpload("file", "tract.pdf", Buffer.buffer(PDF), "application/pdf");
    HttpResponse<Buffer> r = await(h.request(POST, "/api/collectives/grenoble/attachments", EDITOR)
        .sendMultipartForm(form));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("application/pdf", r.bodyAsJsonObject().getString("mediaType"));
    String hash = r.bodyAsJsonObject().getString("hash");
    JsonObject call = new JsonObject().put("title", "Appel").put("content", "Voir le tract.").put("publish", true)
        .put("attachments", new JsonArray().add(new JsonObject().put("hash", hash).put("name", "Le tract")));
    JsonObject created = h.send(POST, "/api/collectives/grenoble/calls", EDITOR, call).bodyAsJsonObject();
    JsonObject doc = h.sent.get(0).getJsonObject("object");
    JsonObject attachment = doc.getJsonArray("attachment").getJsonObject(0);
    assertEquals("Document", attachment.getString("type"));
    assertEquals("application/pdf", attachment.getString("mediaType"));
    assertEquals("Le tract", attachment.getString("name"));
    assertEquals(h.base + "/media/" + hash + ".pdf", attachment.getString("url"));
    assertEquals(1, created.getJsonArray("attachments").size());
  }

  @Test
  void declaredTypeMustMatchTheBytesAndUnknownTypesAreRefused() {
    assertEquals(415, upload(PNG, "image/jpeg", EDITOR).statusCode());
    assertEquals(415, upload("<svg onload=alert(1)>".getBytes(), "image/svg+xml", EDITOR).statusCode());
    assertEquals(415, upload("<html><script>".getBytes(), "image/png", EDITOR).statusCode());
    assertEquals(201, upload(PDF, "application/octet-stream", EDITOR).statusCode(), "generic type: sniffed");
    assertEquals(415, upload(java.util.Arrays.copyOf(PNG, 20), "image/png", EDITOR).statusCode(), "truncated");
  }

  @Test
  void uploadsLargerThanTheNodesGeneralBodyLimitPassUpToTheAttachmentLimit(@TempDir Path other) throws Exception {
    try (PublishingHarness big = new PublishingHarness(other)) {
      byte[] bytes = new byte[3 * 1024 * 1024]; // over the 2 MiB general limit, under the 10 MiB one
      System.arraycopy(PDF, 0, bytes, 0, PDF.length);
      HttpResponse<Buffer> r = await(big.request(POST, "/api/collectives/grenoble/attachments", EDITOR)
          .putHeader("Content-Type", "application/pdf").sendBuffer(Buffer.buffer(bytes)));
      assertEquals(201, r.statusCode(), r.bodyAsString());
      assertEquals(bytes.length, r.bodyAsJsonObject().getLong("size"));
    }
  }

  @Test
  void sizeLimitAnswers413AndRightsAreChecked() {
    byte[] big = new byte[64 * 1024 + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    assertEquals(413, upload(big, "application/pdf", EDITOR).statusCode());
    byte[] huge = new byte[3 * 1024 * 1024];
    System.arraycopy(PDF, 0, huge, 0, PDF.length);
    assertEquals(413, upload(huge, "application/pdf", EDITOR).statusCode());
    assertEquals(401, upload(PNG, "image/png", null).statusCode());
    assertEquals(403, upload(PNG, "image/png", OUTSIDER).statusCode());
  }
}
