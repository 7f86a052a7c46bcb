package org.coordo.server.service.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.Test;

class CoSignActivitiesTest {
  static final URI GRENOBLE = URI.create("https://grenoble.example/actors/grenoble");
  static final String CALL = "https://grenoble.example/collectives/grenoble/calls/01abc";
  static final String COLLECTION = CALL + "/signatories";
  static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");

  static JsonObject invite() {
    return CoSignActivities.invite("https://grenoble.example/activities/1", CALL, COLLECTION,
        "https://lille.example/actors/lille").put("actor", GRENOBLE.toString());
  }

  @Test
  void anInviteOfTheInvitersOwnCallIsRead() {
    var shape = CoSignActivities.readInvite(invite(), GRENOBLE).orElseThrow();
    assertEquals(URI.create(CALL), shape.call());
    assertEquals(URI.create(COLLECTION), shape.collection());
  }

  @Test
  void anInviteWithoutObjectTargetOrIdIsNotRead() {
    JsonObject noObject = invite();
    noObject.remove("object");
    JsonObject noTarget = invite();
    noTarget.remove("target");
    JsonObject noId = invite();
    noId.remove("id");
    assertTrue(CoSignActivities.readInvite(noObject, GRENOBLE).isEmpty());
    assertTrue(CoSignActivities.readInvite(noTarget, GRENOBLE).isEmpty());
    assertTrue(CoSignActivities.readInvite(noId, GRENOBLE).isEmpty());
    assertTrue(CoSignActivities.readInvite(invite().put("type", "Follow"), GRENOBLE).isEmpty());
    assertTrue(CoSignActivities.readInvite(null, GRENOBLE).isEmpty());
  }

  @Test
  void anInviteToACallOrCollectionOfAnotherOriginIsRefused() {
    assertTrue(CoSignActivities.readInvite(invite().put("object", "https://other.example/calls/1"), GRENOBLE).isEmpty());
    assertTrue(CoSignActivities.readInvite(invite().put("target", "https://other.example/c"), GRENOBLE).isEmpty());
    assertTrue(CoSignActivities.readInvite(invite().put("target", CALL), GRENOBLE).isEmpty(), "target = object");
    assertTrue(CoSignActivities.readInvite(invite().put("object", "javascript:alert(1)"), GRENOBLE).isEmpty());
    assertTrue(CoSignActivities.readInvite(invite(), URI.create("https://mallory.example/actors/m")).isEmpty());
  }

  @Test
  void anAnswerNamesItsInviteBareOrEmbeddedButNotAnotherActivity() {
    assertEquals("https://grenoble.example/activities/1",
        CoSignActivities.answeredInvite(CoSignActivities.answer("a", "Accept", invite(), GRENOBLE.toString())).orElseThrow());
    assertEquals("https://grenoble.example/activities/1", CoSignActivities.answeredInvite(new JsonObject()
        .put("type", "Accept").put("object", "https://grenoble.example/activities/1")).orElseThrow());
    assertTrue(CoSignActivities.answeredInvite(new JsonObject().put("type", "Accept")
        .put("object", new JsonObject().put("id", "https://x.example/f").put("type", "Follow"))).isEmpty());
    assertTrue(CoSignActivities.answeredInvite(new JsonObject().put("type", "Accept")).isEmpty(), "missing object");
  }

  @Test
  void anAddOrRemoveNeedsAnObjectAndATarget() {
    URI lille = URI.create("https://lille.example/actors/lille");
    JsonObject remove = CoSignActivities.change("Remove", lille.toString(), COLLECTION, List.of(GRENOBLE.toString()),
        List.of());
    var shape = CoSignActivities.readChange(remove, lille).orElseThrow();
    assertTrue(CoSignActivities.selfRemoval(shape));
    assertFalse(CoSignActivities.selfRemoval(CoSignActivities.readChange(remove, GRENOBLE).orElseThrow()));
    JsonObject noTarget = remove.copy();
    noTarget.remove("target");
    JsonObject noObject = remove.copy();
    noObject.remove("object");
    assertTrue(CoSignActivities.readChange(noTarget, lille).isEmpty());
    assertTrue(CoSignActivities.readChange(noObject, lille).isEmpty());
    assertTrue(CoSignActivities.readChange(remove.copy().put("target", "not a url"), lille).isEmpty());
    assertTrue(CoSignActivities.readChange(remove.copy().put("type", "Like"), lille).isEmpty());
  }

  @Test
  void onlyTheCollectionsOwnerChangesARemoteCollection() {
    JsonObject add = CoSignActivities.change("Add", "https://lille.example/actors/lille", COLLECTION, List.of(),
        List.of());
    assertTrue(CoSignActivities.fromCollectionOwner(
        CoSignActivities.readChange(add, GRENOBLE).orElseThrow(), GRENOBLE.toString()));
    URI mallory = URI.create("https://mallory.example/actors/m");
    assertFalse(CoSignActivities.fromCollectionOwner(
        CoSignActivities.readChange(add, mallory).orElseThrow(), GRENOBLE.toString()), "a third party");
    // the author of the call, but a collection claimed on another origin
    JsonObject elsewhere = add.copy().put("target", "https://other.example/signatories");
    assertFalse(CoSignActivities.fromCollectionOwner(
        CoSignActivities.readChange(elsewhere, GRENOBLE).orElseThrow(), GRENOBLE.toString()));
    assertFalse(CoSignActivities.fromCollectionOwner(
        CoSignActivities.readChange(add, GRENOBLE).orElseThrow(), null));
  }

  @Test
  void collectionItemsAreReadAsFederatedOrPlainTextSignatories() {
    List<Object> items = List.of(
        new JsonObject().put("id", "https://lille.example/actors/lille").put("type", "Group")
            .put("name", "<b>Collectif</b> de Lille").put("preferredUsername", "lille")
            .put("url", "https://lille.example/@lille"),
        new JsonObject().put("type", "Organization").put("name", "Union locale").put("url", "javascript:alert(1)"),
        new JsonObject().put("type", "Organization"),
        new JsonObject().put("id", "ftp://x"),
        42);
    List<Signatory> read = CoSignActivities.readItems(items, NOW);
    assertEquals(2, read.size());
    assertEquals("Collectif de Lille", read.get(0).name());
    assertEquals("lille@lille.example", read.get(0).handle());
    assertEquals("https://lille.example/@lille", read.get(0).url());
    assertEquals(Signatory.Kind.TEXT, read.get(1).kind());
    assertNull(read.get(1).url(), "an unsafe link is dropped");
  }

  @Test
  void anOversizedRemoteListOrNameIsCut() {
    List<Object> many = new ArrayList<>(Collections.nCopies(CoSignActivities.MAX_REMOTE_ITEMS + 50,
        new JsonObject().put("type", "Organization").put("name", "x".repeat(5000))));
    List<Signatory> read = CoSignActivities.readItems(many, NOW);
    assertEquals(CoSignActivities.MAX_REMOTE_ITEMS, read.size());
    assertTrue(read.get(0).name().length() <= CoSignActivities.MAX_REMOTE_NAME);
  }

  @Test
  void typedSignatoriesAreCheckedFieldByField() {
    List<TextSignatory> ok = CoSignActivities.checkText(List.of(new TextSignatory("  Union locale  ", " https://u.example "),
        new TextSignatory("Collectif", "")));
    assertEquals("Union locale", ok.get(0).name());
    assertEquals("https://u.example", ok.get(0).url());
    assertNull(ok.get(1).url());
    NodeError bad = assertThrows(NodeError.class, () -> CoSignActivities.checkText(List.of(
        new TextSignatory(" ", null), new TextSignatory("x".repeat(TextSignatory.MAX_NAME + 1), null),
        new TextSignatory("ok", "javascript:alert(1)"), new TextSignatory("a\u0007b", null))));
    assertEquals(422, bad.status());
    assertEquals(4, bad.fields().size(), bad.fields().toString());
    assertTrue(bad.fields().containsKey("signatories[2].url"));
    assertEquals(422, assertThrows(NodeError.class, () -> CoSignActivities.checkText(
        Collections.nCopies(TextSignatory.MAX_COUNT + 1, new TextSignatory("x", null)))).status());
    assertEquals(422, assertThrows(NodeError.class, () -> CoSignActivities.checkText(null)).status());
  }

  @Test
  void builtActivitiesHaveTheDocumentedShape() {
    JsonObject invite = invite();
    assertEquals("Invite", invite.getString("type"));
    assertEquals(new JsonArray().add("https://lille.example/actors/lille"), invite.getJsonArray("to"));
    JsonObject announce = CoSignActivities.announce("id", CALL, "https://lille.example/actors/lille/followers",
        GRENOBLE.toString());
    assertEquals(CALL, announce.getString("object"));
    assertTrue(announce.getJsonArray("cc").contains(GRENOBLE.toString()));
    JsonObject undo = CoSignActivities.undo(announce.copy().put("@context", "x"), List.of("a"), List.of());
    assertFalse(undo.getJsonObject("object").containsKey("@context"));
  }
}
