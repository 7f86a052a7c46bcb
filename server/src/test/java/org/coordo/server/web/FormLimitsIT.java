package org.coordo.server.web;

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
import java.util.Map;
import org.coordo.server.convert.PublicationApiConverter;
import org.coordo.server.service.publication.MediaService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publishing forms take what the JSON API takes (its content and attachment limits), just below
 * each limit accepted, just above it refused with the form again, the member's text in it; never a
 * 500 or a JSON body.
 */
class FormLimitsIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static HttpClient c;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    n = WebTestNode.start(dir);
    WebPagesIT.n = n;
    c = WebPagesIT.browser();
    token = WebPagesIT.csrf(WebPagesIT.get(c, "/espace/login?lang=fr").body());
    WebPagesIT.post(c, "/espace/login", Map.of("username", WebTestNode.EDITOR, "password", WebTestNode.PASSWORD,
        "csrf", token));
  }

  @AfterAll
  static void stop() {
    if (n != null) {
      n.close();
    }
  }

  /** Text of exactly {@code chars} characters in lines, as a browser sends a textarea (CRLF). */
  static String minutesText(int chars) {
    StringBuilder b = new StringBuilder();
    int line = 0;
    while (b.length() < chars) {
      String l = "Point " + (line++) + " : l’assemblée décide de soutenir la grève des agents du nettoyage.";
      b.append(l).append('\n');
    }
    b.setLength(chars);
    return b.toString().replace("\n", "\r\n");
  }

  static Map<String, String> minutesForm(String title, String content) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", token);
    f.put("title", title);
    f.put("assemblyDate", "2026-03-03");
    f.put("language", "fr");
    f.put("content", content);
    f.put("action", "publish");
    return f;
  }

  /** A multipart body as the browser sends the publishing form, with an optional attachment. */
  static HttpResponse<String> postMultipart(String path, Map<String, String> fields, byte[] file) throws Exception {
    return postMultipart(path, fields, file, n.base);
  }

  static HttpResponse<String> postMultipart(String path, Map<String, String> fields, byte[] file, String origin)
      throws Exception {
    String boundary = "----coordoFormBoundary7MA4YWxk";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"ag.pdf\"\r\n"
          + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(file);
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return c.send(HttpRequest.newBuilder(URI.create(n.base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Origin", origin) // as a browser sends it with a form
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertFormKeeps(HttpResponse<String> r, String text) {
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        "a page, not JSON: " + r.headers().firstValue("Content-Type"));
    assertTrue(r.body().contains("<form method=\"post\""), "the form again");
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    assertTrue(r.body().contains(escaped.replace("\r\n", "\n")) || r.body().contains(escaped),
        "the typed text is in the form again");
  }

  @Test
  void minutesAtTheApiContentLimitIsPublishedThroughTheForm() throws Exception {
    String text = minutesText(PublicationApiConverter.MAX_CONTENT);
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", minutesForm("AG à la limite", text), null);
    assertEquals(303, r.statusCode(), () -> messages(r.body()));
    String page = WebPagesIT.get(c, r.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(page.contains("Point 0 :") && page.contains("AG à la limite"));
  }

  @Test
  void minutesJustOverTheContentLimitComesBackWithItsTextAndMessage() throws Exception {
    String text = minutesText(PublicationApiConverter.MAX_CONTENT + 1);
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", minutesForm("AG trop longue", text), null);
    assertEquals(422, r.statusCode());
    assertFormKeeps(r, text);
    assertTrue(r.body().contains("id=\"f-content-error\""), "the message next to the text");
    assertTrue(r.body().contains("100000") || r.body().contains("100 000") || r.body().contains("100 000"));
  }

  @Test
  void textFarOverTheLimitStillComesBackInTheForm() throws Exception {
    String text = minutesText(5 * PublicationApiConverter.MAX_CONTENT);
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", minutesForm("AG fleuve", text), null);
    assertEquals(422, r.statusCode());
    assertFormKeeps(r, text);
  }

  @Test
  void urlEncodedFormOverEightKilobytesIsNoLongerAServerError() throws Exception {
    String text = minutesText(20_000);
    Map<String, String> form = minutesForm("", text);
    HttpResponse<String> r = WebPagesIT.post(c, "/espace/grenoble/minutes/new", form);
    assertEquals(422, r.statusCode(), "a missing title, the text kept");
    assertFormKeeps(r, text);
    assertTrue(r.body().contains("id=\"f-title-error\""));
  }

  @Test
  void attachmentAtTheApiLimitIsAcceptedWithTheText() throws Exception {
    byte[] pdf = pdf((int) MediaService.DEFAULT_MAX_BYTES);
    Map<String, String> form = minutesForm("AG avec annexe", minutesText(60_000));
    form.put("action", "preview");
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", form, pdf);
    assertEquals(200, r.statusCode(), () -> r.body().substring(0, Math.min(400, r.body().length())));
    assertFalse(r.body().contains("id=\"f-attachment-error\""));
    assertTrue(r.body().contains("ag.pdf"));
  }

  @Test
  void attachmentJustOverTheApiLimitComesBackWithTheText() throws Exception {
    byte[] pdf = pdf((int) MediaService.DEFAULT_MAX_BYTES + 1);
    String text = minutesText(60_000);
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", minutesForm("AG avec annexe", text), pdf);
    assertEquals(422, r.statusCode());
    assertFormKeeps(r, text);
    assertTrue(r.body().contains("id=\"f-attachment-error\""));
  }

  /**
   * Over the form's whole body limit the server stops reading, so it cannot send the text back (the
   * page's script refuses such a file before sending: {@code FormLimitsBrowserIT}); the answer is still
   * the form with the message next to the attachment, never JSON or a 500.
   */
  @Test
  void bodyOverTheFormLimitAnswersTheFormWithTheAttachmentMessage() throws Exception {
    byte[] pdf = pdf((int) (3 * MediaService.DEFAULT_MAX_BYTES));
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new",
        minutesForm("AG avec annexe", minutesText(60_000)), pdf);
    assertEquals(413, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(r.body().contains("<form method=\"post\""), "the form again");
    assertTrue(r.body().contains("id=\"f-attachment-error\""));
    assertTrue(r.body().contains("data-max-bytes=\"" + MediaService.DEFAULT_MAX_BYTES + "\""),
        "the page knows the API's attachment limit");
  }

  @Test
  void otherFormsTakeLongFieldsWithoutAServerError() throws Exception {
    HttpClient anonymous = WebPagesIT.browser();
    String t = WebPagesIT.csrf(WebPagesIT.get(anonymous, "/espace/login?lang=fr").body());
    HttpResponse<String> r = WebPagesIT.post(anonymous, "/espace/login", Map.of("username", "alice",
        "password", "x".repeat(20_000), "csrf", t));
    assertTrue(r.statusCode() == 401 || r.statusCode() == 422, "a wrong password, not an undecodable body: "
        + r.statusCode());
    assertTrue(r.body().contains("id=\"f-password-error\""));
  }

  @Test
  void wrongFormTokenAnswersTheFormWithItsText() throws Exception {
    String text = minutesText(30_000);
    Map<String, String> form = minutesForm("AG", text);
    form.put("csrf", "forged-forged-forged-forged-forged-forged-fo");
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", form, null);
    assertEquals(403, r.statusCode());
    assertFormKeeps(r, text);
    assertTrue(r.body().contains("formulaire a expiré"));
  }

  @Test
  void textTooComplexToLayOutComesBackWithItsTextAndWhy() throws Exception {
    String text = "> ".repeat(org.coordo.server.text.MarkupLimits.MAX_DEPTH + 1) + "citation trop imbriquée";
    for (String action : new String[] {"preview", "publish"}) {
      Map<String, String> form = minutesForm("AG imbriquée", text);
      form.put("action", action);
      HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", form, null);
      assertEquals(422, r.statusCode(), action);
      assertFormKeeps(r, text);
      assertTrue(r.body().contains("id=\"f-content-error\">Ce texte est trop imbriqué"), action + ": " + messages(r.body()));
    }
  }

  /** The messages of a form page (for a failing assertion). */
  static String messages(String html) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(role=\"alert\">\\s*<p>[^<]*|class=\"error\"[^>]*>[^<]*)")
        .matcher(html);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      b.append(m.group(1)).append('\n');
    }
    return b.toString();
  }

  @Test
  void formForgedOnAnotherSiteIsNotShownBackFilledIn() throws Exception {
    Map<String, String> form = minutesForm("Texte piégé", "Publiez ceci sans le lire.");
    form.put("csrf", "forged-forged-forged-forged-forged-forged-fo");
    HttpResponse<String> r = postMultipart("/espace/grenoble/minutes/new", form, null, "https://evil.example");
    assertEquals(403, r.statusCode());
    assertFalse(r.body().contains("Publiez ceci sans le lire."), "the error page, not a filled-in form");
    assertFalse(r.body().contains("<form method=\"post\" action=\"/espace/grenoble"));
  }

  /** A PDF-looking body of {@code size} bytes. */
  static byte[] pdf(int size) {
    byte[] b = new byte[size];
    byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, b, 0, head.length);
    for (int i = head.length; i < size; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }
}
