package org.coordo.federation.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsTest {

  @Test
  void oneOrManyReadsAbsentSingleAndArrays() {
    assertEquals(List.of(), As.oneOrMany(null));
    assertEquals(List.of("a"), As.oneOrMany("a"));
    assertEquals(List.of("a", "b"), As.oneOrMany(new JsonArray().add("a").addNull().add("b")));
    JsonObject o = new JsonObject().put("id", "x");
    assertEquals(List.of(o), As.oneOrMany(new JsonObject().put("to", o), "to"));
    assertEquals(List.of(), As.oneOrMany(new JsonObject(), "to"));
  }

  @Test
  void idOfTakesStringsAndObjects() {
    assertEquals("https://a.example/1", As.idOf("https://a.example/1"));
    assertEquals("https://a.example/1", As.idOf(new JsonObject().put("id", "https://a.example/1")));
    assertNull(As.idOf(new JsonObject().put("type", "Note")));
    assertNull(As.idOf(42));
    assertNull(As.idOf(" "));
    assertEquals(List.of("x", "y"), As.idsOf(new JsonObject()
        .put("cc", new JsonArray().add("x").add(new JsonObject().put("id", "y")).add(3)), "cc"));
  }

  @Test
  void isPublicAcceptsEveryFormInToOrCc() {
    assertTrue(As.isPublic(new JsonObject().put("to", As.PUBLIC)));
    assertTrue(As.isPublic(new JsonObject().put("cc", new JsonArray().add("https://x/f").add("as:Public"))));
    assertTrue(As.isPublic(new JsonObject().put("to", new JsonArray().add("Public"))));
    assertFalse(As.isPublic(new JsonObject().put("to", "https://x/followers")));
    assertFalse(As.isPublic(new JsonObject().put("bto", As.PUBLIC)));
  }

  @Test
  void typeOfTakesTheFirstOfSeveral() {
    assertEquals("Group", As.typeOf(new JsonObject().put("type", "Group")));
    assertEquals("Event", As.typeOf(new JsonObject().put("type", new JsonArray().add("Event").add("x:Y"))));
    assertNull(As.typeOf(new JsonObject()));
  }

  @Test
  void mediaTypesRecogniseBothActivityStreamsForms() {
    assertTrue(As.isActivityStreamsMediaType("application/activity+json"));
    assertTrue(As.isActivityStreamsMediaType(" Application/Activity+JSON; charset=utf-8"));
    assertTrue(As.isActivityStreamsMediaType(As.LD_CONTENT_TYPE));
    assertTrue(As.isActivityStreamsMediaType("application/ld+json"));
    assertFalse(As.isActivityStreamsMediaType("application/json"));
    assertFalse(As.isActivityStreamsMediaType("text/html"));
    assertFalse(As.isActivityStreamsMediaType(null));
  }

  @Test
  void contextDeclaresTermsInline() {
    JsonArray context = As.context();
    assertEquals(As.ACTIVITYSTREAMS, context.getString(0));
    assertEquals(As.SECURITY_V1, context.getString(1));
    JsonObject terms = context.getJsonObject(2);
    assertEquals("as:manuallyApprovesFollowers", terms.getString("manuallyApprovesFollowers"));
    assertEquals("http://joinmastodon.org/ns#", terms.getString("toot"));
    assertEquals("toot:discoverable", terms.getString("discoverable"));
    assertEquals("toot:indexable", terms.getString("indexable"));
    assertEquals(new JsonObject().put("@id", "toot:featured").put("@type", "@id"), terms.getJsonObject("featured"));
    assertEquals("http://schema.org#", terms.getString("schema"));
    assertEquals("schema:PropertyValue", terms.getString("PropertyValue"));
    assertEquals("schema:value", terms.getString("value"));
    assertEquals(As.COORDO_NS, terms.getString("coordo"));
    context.getJsonObject(2).put("x", "y");
    assertFalse(As.context().getJsonObject(2).containsKey("x"), "each call returns a fresh copy");
  }
}
