package org.coordo.server.app;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The malformed values the route walker ({@link NoServerErrorIT}) sends: raw (already URL-encoded)
 * path and query values, request bodies with their content types, and the names of the query and
 * form parameters the node reads, found in its sources so that a new parameter is covered without
 * editing this list.
 */
final class MalformedInputs {
  private MalformedInputs() {}

  /** A request body: its content type (null: none sent), its bytes, a label for the report. */
  record Body(String contentType, Buffer bytes, String label) {}

  private static final String LONG = "a".repeat(3000);

  /** Path segment values, as they go on the wire. */
  static final List<String> PATH_VALUES = List.of(
      "%%%", "%C0%AF", "%00", "%FF%FE", "%2e%2e", "%2F", "%0D%0A", "%C3%A9t%C3%A9", "99999999999999999999", "-1",
      "+99999-01-01", "%3Cx%3E", LONG);

  /** Query values, as they go on the wire. */
  static final List<String> QUERY_VALUES = List.of(
      "%C0%AF", "%00", "99999999999999999999", "%2B99999-01-01T00:00:00Z", "-99999-12-31T00:00:00%2B01:00",
      "%2B999999999-12-31T23:59:59-18:00", "%2B999999999-12", LONG);

  /** Query values sent to one parameter name each, in turn. */
  static final List<String> MORE_QUERY_VALUES = List.of(
      "", "2026-02-30", "-1", "1e999", "NaN", "%2B10000-01-01T00:00:00%2B01:00", "99999-01-01T00:00:00Z", "2026-13", "acct:x%40%5B",
      "%3Cscript%3E", "..%2F..%2Fetc", "%FF");

  /** Values that no parameter may carry: a query string that does not decode. */
  static final List<String> UNDECODABLE_QUERIES = List.of("%%%", "x=%%%", "x=acct:%%%@x", "x=%G0&y=%");

  /** Values put in every form field (URL-encoded form bodies). */
  static final List<String> FORM_VALUES = List.of(
      "%%%", "%C0%AF", "%00", "", "99999999999999999999", "+99999-01-01T00:00", "-99999-01-01", "1e999", LONG);

  /** JSON fields the API reads, given wrong types and extreme values. */
  private static final List<String> JSON_FIELDS = List.of(
      "title", "summary", "content", "language", "startTime", "endTime", "timezone", "location", "category",
      "eventStatus", "attachments", "assemblyDate", "minutes", "username", "password", "oldPassword",
      "newPassword", "displayName", "name", "description", "role", "roles", "days", "label", "handle", "actor",
      "actors", "ids", "id", "object", "admin", "isAdmin", "private", "members", "address", "url", "hash");

  /** Bodies for every method that takes one. */
  static List<Body> bodies(Set<String> formNames, String csrf) {
    JsonObject strings = new JsonObject();
    JsonObject numbers = new JsonObject();
    JsonObject arrays = new JsonObject();
    JsonObject objects = new JsonObject();
    JsonObject nulls = new JsonObject();
    JsonObject longs = new JsonObject();
    for (String f : JSON_FIELDS) {
      strings.put(f, "%%%");
      arrays.put(f, List.of(List.of(1, "x")));
      objects.put(f, new JsonObject().put("x", new JsonObject().put("y", -1)));
      nulls.putNull(f);
      longs.put(f, "é".repeat(60_000 / JSON_FIELDS.size()));
    }
    String huge = "{" + String.join(",", JSON_FIELDS.stream().map(f -> "\"" + f + "\":1" + "9".repeat(400)).toList()) + "}";
    String hugeFloat = "{" + String.join(",", JSON_FIELDS.stream().map(f -> "\"" + f + "\":-1e999999").toList()) + "}";
    String bigYears = new JsonObject().put("title", "x").put("content", "x").put("timezone", "Europe/Paris")
        .put("startTime", "+99999-01-01T00:00:00Z").put("endTime", "-99999-01-01T00:00:00Z")
        .put("assemblyDate", "+99999-01-01").put("minutes", new JsonObject().put("assemblyDate", "-99999-12-31"))
        .put("days", 99999999).encode();
    String zones = new JsonObject().put("title", "x").put("timezone", "%%%/../..").put("startTime", "2026-03-14T25:61")
        .put("location", new JsonObject().put("latitude", 1e308).put("longitude", "x").put("onlineUrl", "javascript:x"))
        .put("attachments", List.of(new JsonObject().put("hash", "../../x").put("name", 7))).encode();
    String nested = "[".repeat(20_000) + "]".repeat(20_000);
    byte[] badUtf8 = new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, (byte) 0xFF,
        (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
    String json = "application/json";
    StringBuilder form = new StringBuilder("csrf=").append(csrf);
    StringBuilder formLong = new StringBuilder("csrf=").append(csrf);
    for (String name : formNames) {
      form.append('&').append(name).append("=%%%");
      formLong.append('&').append(name).append('=').append("a".repeat(20_000));
    }
    StringBuilder formGarbage = new StringBuilder("csrf=").append(csrf);
    int i = 0;
    for (String name : formNames) {
      formGarbage.append('&').append(name).append('=').append(FORM_VALUES.get(i++ % FORM_VALUES.size()));
    }
    return List.of(
        new Body(json, Buffer.buffer(), "empty JSON"),
        new Body(null, Buffer.buffer(), "no body, no type"),
        new Body(json, Buffer.buffer("{"), "truncated JSON"),
        new Body(json, Buffer.buffer("[]"), "JSON array"),
        new Body(json, Buffer.buffer("\"x\""), "JSON string"),
        new Body(json, Buffer.buffer("null"), "JSON null"),
        new Body(json, Buffer.buffer(strings.encode()), "wrong-type strings"),
        new Body(json, Buffer.buffer(arrays.encode()), "arrays for every field"),
        new Body(json, Buffer.buffer(objects.encode()), "objects for every field"),
        new Body(json, Buffer.buffer(nulls.encode()), "nulls for every field"),
        new Body(json, Buffer.buffer(longs.encode()), "long values"),
        new Body(json, Buffer.buffer(huge), "huge integers"),
        new Body(json, Buffer.buffer(hugeFloat), "huge floats"),
        new Body(json, Buffer.buffer(bigYears), "years +-99999"),
        new Body(json, Buffer.buffer(zones), "bad zone, time, location, attachment"),
        new Body(json, Buffer.buffer(nested), "20000-deep JSON"),
        new Body(json, Buffer.buffer(badUtf8), "invalid UTF-8"),
        new Body(json, Buffer.buffer("{\"title\":\"a\u0000b\",\"content\":\"\\u0000\"}"), "NUL bytes"),
        new Body("text/plain", Buffer.buffer("%%%"), "text/plain"),
        new Body("application/xml", Buffer.buffer("<a>"), "XML"),
        new Body("application/activity+json", Buffer.buffer("{\"type\":\"Create\",\"object\":[]}"), "unsigned activity"),
        new Body("multipart/form-data; boundary=x", Buffer.buffer("--x\r\nContent-Disposition: form-data\r\n\r\n%%%"),
            "broken multipart"),
        new Body("multipart/form-data", Buffer.buffer("x"), "multipart without boundary"),
        new Body("application/x-www-form-urlencoded", Buffer.buffer("%%%=%C0%AF&=&&csrf=%00"), "garbage form"),
        new Body("application/x-www-form-urlencoded", Buffer.buffer(form.toString()), "form fields %%%"),
        new Body("application/x-www-form-urlencoded", Buffer.buffer(formGarbage.toString()), "form fields garbage"),
        new Body("application/x-www-form-urlencoded", Buffer.buffer(formLong.toString()), "form fields long"),
        new Body("%%%/%%%; charset=%%%", Buffer.buffer("{}"), "garbage content type"));
  }

  private static final Pattern READ = Pattern.compile(
      "\\b(?:get|getAll|single|date|time|getParam|queryParam|getFormAttribute|value)\\((?:\\w+,\\s*)?\"([a-zA-Z_][a-zA-Z0-9_.]*)\"");

  /** Query parameter names: literals read in sources that read query strings (server and federation). */
  static Set<String> queryNames() {
    return names(Pattern.compile("queryParams\\(|queryParam\\(|MultiMap params"));
  }

  /** Form field names: literals read in sources that read form bodies. */
  static Set<String> formNames() {
    return names(Pattern.compile("getFormAttribute|formAttributes"));
  }

  /**
   * String literals passed to {@code get}/{@code single}/{@code getFormAttribute}/… in the main
   * sources (server and federation) that match {@code reads}.
   */
  private static Set<String> names(Pattern reads) {
    Set<String> names = new TreeSet<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("../federation/src/main/java"))) {
      if (!Files.isDirectory(root)) {
        throw new IllegalStateException("sources not found at " + root.toAbsolutePath());
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String src = Files.readString(f, StandardCharsets.UTF_8);
          if (!reads.matcher(src).find()) {
            continue;
          }
          Matcher m = READ.matcher(src);
          while (m.find()) {
            names.add(m.group(1));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }
}
