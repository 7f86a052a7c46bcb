package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;
import org.coordo.server.service.toolbox.ToolboxService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toolbox on a real node over real HTTP: an editor (alice) uploads through the members' space
 * forms, a member (bob), a member of another collective (carol) and a stranger read. Files are
 * sniffed from their bytes, size-limited, cleaned; members-only documents are 404 to all but members;
 * replacing a file keeps the previous version for editors; the stable links serve the current file.
 */
class ToolboxIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static HttpClient alice;
  static HttpClient bob;
  static HttpClient carol;
  static HttpClient stranger;
  static final Map<HttpClient, String> TOKENS = new java.util.HashMap<>();
  static final String PASSWORD = "a long enough password";

  @BeforeAll
  static void start() throws Exception {
    n = WebTestNode.start(dir);
    WebPagesIT.n = n;
    Accounts a = n.node.services().accounts();
    await(a.collectives().create("lyon", "Collectif de Lyon", "", false));
    await(a.users().create(new UserService.NewUser("bob", "Bob", PASSWORD), false,
        Map.of(WebTestNode.COLLECTIVE, Role.MEMBER)));
    await(a.users().create(new UserService.NewUser("carol", "Carol", PASSWORD), false, Map.of("lyon", Role.EDITOR)));
    alice = login(WebTestNode.EDITOR, WebTestNode.PASSWORD);
    bob = login("bob", PASSWORD);
    carol = login("carol", PASSWORD);
    stranger = WebPagesIT.browser();
  }

  @AfterAll
  static void stop() {
    if (n != null) {
      n.close();
    }
  }

  static HttpClient login(String user, String password) throws Exception {
    HttpClient c = WebPagesIT.browser();
    String token = WebPagesIT.csrf(WebPagesIT.get(c, "/espace/login?lang=fr").body());
    HttpResponse<String> r = WebPagesIT.post(c, "/espace/login", Map.of("username", user, "password", password,
        "csrf", token));
    assertEquals(303, r.statusCode(), user + " logs in");
    TOKENS.put(c, token);
    return c;
  }

  /** The members' space form, as a browser sends it: fields, then one file. */
  static HttpResponse<String> upload(HttpClient c, String path, Map<String, String> fields, String fileName,
      String type, byte[] file) throws Exception {
    String boundary = "----coordoToolbox9f8e7d";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("csrf", TOKENS.get(c));
    all.putAll(fields);
    for (Map.Entry<String, String> e : all.entrySet()) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
          + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
          + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(file);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return c.send(HttpRequest.newBuilder(URI.create(n.base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Origin", n.base)
        .header("Accept-Language", "fr")
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Adds a document as alice; returns its page's path ({@code /collectives/grenoble/toolbox/<id>}). */
  static String add(String title, String folder, String audience, String fileName, String type, byte[] file)
      throws Exception {
    HttpResponse<String> r = upload(alice, "/espace/grenoble/toolbox", Map.of("title", title, "folder", folder,
        "description", "Pour les permanences.", "audience", audience), fileName, type, file);
    assertEquals(303, r.statusCode(), () -> "added: " + r.body());
    String edit = r.headers().firstValue("Location").orElseThrow();
    assertTrue(edit.startsWith("/espace/grenoble/toolbox/doc/"), edit);
    return "/collectives/grenoble/toolbox/" + edit.substring(edit.lastIndexOf('/') + 1);
  }

  static HttpResponse<byte[]> download(HttpClient c, String path) throws Exception {
    return c.send(HttpRequest.newBuilder(URI.create(n.base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static String page(HttpClient c, String path) throws Exception {
    HttpResponse<String> r = WebPagesIT.get(c, path, "Accept-Language", "fr");
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  @Test
  void editorUploadsAPdfAndAnImageAndThePublicPageListsOnlyPublicDocuments() throws Exception {
    String tract = add("Tract grève des aides à domicile", "Tracts", "public", "tract-greve.pdf", "application/pdf",
        ToolboxFixtures.pdf("tract v1"));
    String poster = add("Affiche interne AG", "Affiches", "members", "affiche.png", "image/png",
        ToolboxFixtures.taggedPng());

    String shelf = page(stranger, "/collectives/grenoble/toolbox");
    assertTrue(shelf.contains("Tract grève des aides à domicile"), "the public document is listed");
    assertTrue(shelf.contains(tract + "/files/1"), "with its download link");
    assertFalse(shelf.contains("Affiche interne AG"), "never the members-only one");
    assertFalse(shelf.contains(poster), "not even its link");
    assertFalse(shelf.contains("alice"), "the public page names nobody");
    String asMember = page(bob, "/collectives/grenoble/toolbox");
    assertFalse(asMember.contains("Affiche interne AG"), "the public page is the same for members");
    String space = page(bob, "/espace/grenoble/toolbox");
    assertTrue(space.contains("Tract grève des aides à domicile") && space.contains("Affiche interne AG"),
        "the members' space lists both");
    assertTrue(space.contains("Interne"), "the internal one is marked");

    HttpResponse<byte[]> pdf = download(stranger, tract + "/download");
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    assertEquals("nosniff", pdf.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("attachment; filename=\"tract-greve.pdf\"; filename*=UTF-8''tract-greve.pdf",
        pdf.headers().firstValue("Content-Disposition").orElse(""));
    assertTrue(pdf.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
    assertArrayEquals(ToolboxFixtures.pdf("tract v1"), pdf.body());

    HttpResponse<byte[]> png = download(bob, poster + "/files/1");
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    assertTrue(png.headers().firstValue("Content-Disposition").orElse("").startsWith("inline; "),
        "a raster image may show in the browser");
    assertEquals("private, no-store", png.headers().firstValue("Cache-Control").orElse(""));
    String body = new String(png.body(), StandardCharsets.ISO_8859_1);
    assertFalse(body.contains("Camille Martin"), "the image's hidden text is stripped");
    assertTrue(body.contains("IDAT"), "the image itself is kept");
  }

  @Test
  void officeFilesAreRecognisedFromTheirBytesAndMacrosAreRefused() throws Exception {
    String letter = add("Lettre type à l’employeur", "Lettres types", "public", "lettre.docx",
        "application/octet-stream", ToolboxFixtures.docx());
    HttpResponse<byte[]> docx = download(stranger, letter + "/files/1");
    assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx.headers().firstValue("Content-Type").orElse(""));
    String odt = add("Livret d’accueil", "", "public", "livret.odt", "application/vnd.oasis.opendocument.text",
        ToolboxFixtures.odt());
    assertEquals("application/vnd.oasis.opendocument.text",
        download(stranger, odt + "/files/1").headers().firstValue("Content-Type").orElse(""));

    HttpResponse<String> macro = upload(alice, "/espace/grenoble/toolbox", Map.of("title", "Lettre piégée"),
        "lettre.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ToolboxFixtures.docxWithMacros());
    assertEquals(415, macro.statusCode());
    assertTrue(macro.body().contains("Ce type de fichier n’est pas accepté"), macro.body());
  }

  @Test
  void sniffingRefusesAnExecutableRenamedPdf() throws Exception {
    HttpResponse<String> r = upload(alice, "/espace/grenoble/toolbox", Map.of("title", "Tract (faux)",
        "folder", "Tracts", "audience", "public"), "tract.pdf", "application/pdf", ToolboxFixtures.executable());
    assertEquals(415, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(r.body().contains("Ce type de fichier n’est pas accepté. Acceptés : PDF, ODT"), r.body());
    assertTrue(r.body().contains("value=\"Tract (faux)\""), "the typed title is kept");
    assertFalse(page(alice, "/espace/grenoble/toolbox").contains("Tract (faux)</a>"), "nothing was added");
  }

  @Test
  void overSizeFilesAreRefusedWithTheLimitInWords() throws Exception {
    // Just over the file limit, within the form's body limit: the form again, the limit said.
    byte[] big = ToolboxFixtures.pdf("x");
    byte[] over = java.util.Arrays.copyOf(big, (int) ToolboxService.MAX_FILE_BYTES + 1);
    HttpResponse<String> r = upload(alice, "/espace/grenoble/toolbox", Map.of("title", "Livret trop gros"),
        "livret.pdf", "application/pdf", over);
    assertEquals(413, r.statusCode());
    assertTrue(r.body().contains("Ce fichier est trop gros : 10 Mo au plus."), r.body());
    assertTrue(r.body().contains("value=\"Livret trop gros\""), "the typed title is kept");
    // Over the body limit itself: refused before the handler, still a page that says the limit.
    byte[] huge = java.util.Arrays.copyOf(big, (int) ToolboxService.MAX_FILE_BYTES + 200 * 1024);
    HttpResponse<String> r2 = upload(alice, "/espace/grenoble/toolbox", Map.of("title", "Livret énorme"),
        "livret.pdf", "application/pdf", huge);
    assertEquals(413, r2.statusCode());
    assertTrue(r2.body().contains("Ce fichier est trop gros : 10 Mo au plus."), r2.body());
    String space = page(alice, "/espace/grenoble/toolbox");
    assertFalse(space.contains("Livret trop gros") || space.contains("Livret énorme"), "nothing was added");
  }

  @Test
  void aMemberDownloadsAMembersOnlyDocumentAndEveryoneElseGets404() throws Exception {
    String doc = add("Compte rendu interne du CSE", "Comptes rendus", "members", "cr.pdf", "application/pdf",
        ToolboxFixtures.pdf("interne"));
    assertEquals(200, download(bob, doc).statusCode(), "a member sees its page");
    assertArrayEquals(ToolboxFixtures.pdf("interne"), download(bob, doc + "/download").body());
    assertArrayEquals(ToolboxFixtures.pdf("interne"), download(bob, doc + "/files/1").body());
    String unknown = "/collectives/grenoble/toolbox/0000000000000000000000zzzz";
    for (HttpClient other : List.of(stranger, carol)) {
      for (String path : List.of(doc, doc + "/download", doc + "/files/1", doc + "/files/1/versions/1")) {
        HttpResponse<byte[]> r = download(other, path);
        assertEquals(404, r.statusCode(), path);
        assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("Compte rendu interne"), path);
      }
      assertEquals(download(other, unknown).body().length, download(other, doc).body().length,
          "the same 404 as an unknown id");
    }
    // the members' space answers by role before it looks at the document (AccessGate: signed in, not an editor
    // of this collective → 403), the same for any id, so nothing is disclosed
    assertEquals(403, download(carol, doc.replace("/collectives/", "/espace/").replace("/toolbox/",
        "/toolbox/doc/")).statusCode(), "nor its editing page to another collective's editor");
    assertEquals(403, download(carol, "/espace/grenoble/toolbox/doc/01ZZZZZZZZZZZZZZZZZZZZZZZZ").statusCode(),
        "the same answer for an unknown id");
  }

  @Test
  void replacingAFileKeepsTheOldVersionForEditorsOnlyAndTheStableLinkServesTheNewFile() throws Exception {
    String doc = add("Modèle de lettre de recours", "Lettres types", "public", "recours.pdf", "application/pdf",
        ToolboxFixtures.pdf("recours v1"));
    String edit = doc.replace("/collectives/grenoble/toolbox/", "/espace/grenoble/toolbox/doc/");
    HttpResponse<String> r = upload(alice, edit + "/files", Map.of("replace", "1"), "recours 2026.pdf",
        "application/pdf", ToolboxFixtures.pdf("recours v2"));
    assertEquals(303, r.statusCode(), r::body);

    // The links a call points to now serve the new file.
    assertArrayEquals(ToolboxFixtures.pdf("recours v2"), download(stranger, doc + "/download").body());
    assertArrayEquals(ToolboxFixtures.pdf("recours v2"), download(stranger, doc + "/files/1").body());
    assertArrayEquals(ToolboxFixtures.pdf("recours v2"), download(stranger, doc + "/files/1/versions/2").body());
    assertTrue(download(stranger, doc + "/files/1").headers().firstValue("Content-Disposition").orElse("")
        .contains("filename*=UTF-8''recours%202026.pdf"));
    // The old one: editors only.
    HttpResponse<byte[]> old = download(alice, doc + "/files/1/versions/1");
    assertEquals(200, old.statusCode());
    assertArrayEquals(ToolboxFixtures.pdf("recours v1"), old.body());
    assertEquals("private, no-store", old.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(404, download(bob, doc + "/files/1/versions/1").statusCode(), "a member is no editor");
    assertEquals(404, download(stranger, doc + "/files/1/versions/1").statusCode());
    // The editing page lists it with its date and author; the public page does not.
    String editPage = page(alice, edit);
    assertTrue(editPage.contains(doc + "/files/1/versions/1"), "the old version is linked for editors");
    assertTrue(editPage.contains("version 1 du") && editPage.contains("par alice"), editPage);
    String publicPage = page(stranger, doc);
    assertFalse(publicPage.contains("/versions/1"), "the public page shows only the current file");
    assertFalse(publicPage.contains("alice"), "and names nobody");
  }

  @Test
  void editorsEditAndDeleteAndMembersCannot() throws Exception {
    String doc = add("Affiche 8 mars", "Affiches", "public", "affiche.pdf", "application/pdf",
        ToolboxFixtures.pdf("8 mars"));
    String edit = doc.replace("/collectives/grenoble/toolbox/", "/espace/grenoble/toolbox/doc/");
    Map<String, String> details = new LinkedHashMap<>(Map.of("title", "Affiche 8 mars (version A3)",
        "folder", "Affiches", "description", "À imprimer en A3.", "audience", "members"));
    details.put("csrf", TOKENS.get(bob));
    assertEquals(403, WebPagesIT.post(bob, edit, details).statusCode(), "a member may not edit");
    details.put("csrf", TOKENS.get(alice));
    details.put("title", "");
    HttpResponse<String> blank = WebPagesIT.post(alice, edit, details);
    assertEquals(422, blank.statusCode());
    assertTrue(blank.body().contains("Ce champ est obligatoire."));
    details.put("title", "x".repeat(201));
    assertTrue(WebPagesIT.post(alice, edit, details).body().contains("200 caractères au plus"));
    details.put("title", "Affiche 8 mars (version A3)");
    assertEquals(303, WebPagesIT.post(alice, edit, details).statusCode());
    assertEquals(404, download(stranger, doc).statusCode(), "now members-only");
    assertTrue(page(bob, doc).contains("Affiche 8 mars (version A3)"));

    assertEquals(403, WebPagesIT.post(bob, edit + "/delete", Map.of("csrf", TOKENS.get(bob))).statusCode());
    assertEquals(303, WebPagesIT.post(alice, edit + "/delete", Map.of("csrf", TOKENS.get(alice))).statusCode());
    assertEquals(404, download(bob, doc).statusCode(), "gone");
  }
}
