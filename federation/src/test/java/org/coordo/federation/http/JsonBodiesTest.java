package org.coordo.federation.http;

import org.coordo.federation.JsonBodies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String refusal(byte[] body) {
    JsonBodies.Invalid e = assertThrows(JsonBodies.Invalid.class, () -> JsonBodies.object(body));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void parsesAnObjectAsVertxJson() {
    JsonObject o = JsonBodies.object(utf8("{\"a\": [1, 2.5, \"é€😀\", true, null, {\"b\": {}}], \"n\": 12345678901}"));
    JsonArray a = o.getJsonArray("a");
    assertEquals(1, a.getInteger(0));
    assertEquals(2.5, a.getDouble(1));
    assertEquals("é€😀", a.getString(2));
    assertTrue(a.getBoolean(3));
    assertEquals(new JsonObject().put("b", new JsonObject()), a.getJsonObject(5));
    assertEquals(12345678901L, o.getLong("n"));
    assertEquals(o, new JsonObject(o.encode()));
  }

  @Test
  void refusesMalformedUtf8InsteadOfReplacingIt() {
    byte[][] invalid = {
        {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},                    // truncated sequence
        {'{', '"', 'a', '"', ':', '"', (byte) 0xFE, '"', '}'},                    // invalid byte
        {'{', '"', 'a', '"', ':', '"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"', '}'}, // overlong
        {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xB0, (byte) 0x80, '"', '}'}, // lone surrogate
        {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'}, // > U+10FFFF
        {'{', '"', (byte) 0x80, '"', ':', '1', '}'},                              // in a key
    };
    for (byte[] body : invalid) {
      assertTrue(refusal(body).contains("UTF-8"));
    }
  }

  @Test
  void boundsNestingDepth() {
    String ok = "[".repeat(JsonBodies.MAX_DEPTH - 1) + "]".repeat(JsonBodies.MAX_DEPTH - 1);
    assertEquals(1, JsonBodies.object(utf8("{\"a\":" + ok + "}")).size());
    String deep = "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH);
    assertTrue(refusal(utf8("{\"a\":" + deep + "}")).contains("nested deeper than " + JsonBodies.MAX_DEPTH));
    String veryDeep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    assertTrue(refusal(utf8(veryDeep)).contains("nested deeper"));
  }

  @Test
  void boundsTheNumberOfValues() {
    // the object itself and its array count: MAX_VALUES - 2 numbers fit, one more does not
    assertEquals(JsonBodies.MAX_VALUES - 2,
        JsonBodies.object(utf8("{\"a\":[" + "0,".repeat(JsonBodies.MAX_VALUES - 3) + "0]}")).getJsonArray("a").size());
    String tooMany = "{\"a\":[" + "{},".repeat(JsonBodies.MAX_VALUES - 2) + "{}]}";
    assertTrue(refusal(utf8(tooMany)).contains("more than " + JsonBodies.MAX_VALUES + " values"));
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    assertTrue(refusal(utf8("")).contains("empty"));
    assertTrue(refusal(utf8(" \n")).contains("empty"));
    assertTrue(refusal(utf8("[1]")).contains("JSON object"));
    assertTrue(refusal(utf8("\"text\"")).contains("JSON object"));
    assertTrue(refusal(utf8("{\"a\":1} {}")).contains("not valid JSON"));
    assertTrue(refusal(utf8("{\"a\":}")).contains("not valid JSON"));
    assertTrue(refusal(utf8("{\"a\":1")).contains("not valid JSON"));
    assertTrue(refusal(utf8("not json")).contains("not valid JSON"));
  }
}
