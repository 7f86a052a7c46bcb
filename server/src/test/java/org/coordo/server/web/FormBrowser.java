package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person's browser on one node, over plain HTTP: cookies kept, redirects not followed, forms
 * posted url-encoded with the page's form token ({@code csrf}), as a browser sends them.
 */
final class FormBrowser {
  final String base;
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private String csrf;

  FormBrowser(String base) {
    this.base = base;
  }

  /** Signs in through the login form. */
  static FormBrowser signedIn(String base, String user, String password) throws Exception {
    FormBrowser b = new FormBrowser(base);
    HttpResponse<String> r = b.post("/espace/login", Map.of("username", user, "password", password));
    assertEquals(303, r.statusCode(), user + " signs in: " + r.body());
    return b;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET()
        .header("Accept", "text/html").header("Accept-Language", "fr").build(), HttpResponse.BodyHandlers.ofString());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  /** Posts the form with the token of the last page read (one is read first when none was). */
  HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    if (csrf == null) {
      get("/espace/login?lang=fr");
    }
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putIfAbsent("csrf", csrf);
    StringBuilder body = new StringBuilder();
    all.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return client.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .header("Accept-Language", "fr")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }
}
