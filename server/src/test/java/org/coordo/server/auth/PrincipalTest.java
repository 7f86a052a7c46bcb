package org.coordo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.Test;

class PrincipalTest {
  private final Principal member = new Principal("1", "mia", false, Map.of("lyon", Role.MEMBER));
  private final Principal editor = new Principal("2", "eda", false, Map.of("lyon", Role.EDITOR, "paris", Role.MEMBER));
  private final Principal admin = new Principal("3", "ada", true, Map.of());

  @Test
  void memberCanDraftButNotPublish() {
    assertTrue(member.canDraftFor("lyon"));
    assertFalse(member.canPublishFor("lyon"));
    assertFalse(member.canModerate("lyon"));
    assertFalse(member.isAdmin());
  }

  @Test
  void editorOfOneCollectiveCannotPublishForAnother() {
    assertTrue(editor.canPublishFor("lyon"));
    assertTrue(editor.canModerate("lyon"));
    assertFalse(editor.canPublishFor("paris"), "only a member there");
    assertTrue(editor.canDraftFor("paris"));
    assertFalse(editor.canPublishFor("grenoble"));
    assertFalse(editor.canDraftFor("grenoble"));
  }

  @Test
  void nodeAdminMayDoEverything() {
    assertTrue(admin.canPublishFor("anywhere"));
    assertTrue(admin.canModerate("anywhere"));
    assertTrue(admin.canDraftFor("anywhere"));
    assertTrue(admin.isAdmin());
  }

  @Test
  void requireMethodsThrow403NamingTheMissingRole() {
    NodeError e = assertThrows(NodeError.class, () -> editor.requirePublishFor("paris"));
    assertEquals(403, e.status());
    assertEquals("You need the editor role in collective 'paris' to publish for it.", e.safeMessage());
    assertEquals(403, assertThrows(NodeError.class, member::requireAdmin).status());
    assertEquals(403, assertThrows(NodeError.class, () -> member.requireDraftFor("paris")).status());
    assertEquals(editor, editor.requirePublishFor("lyon"));
  }

  @Test
  void rolesAreParsedFromTheirIds() {
    assertEquals(Role.EDITOR, Role.parse(" Editor ").orElseThrow());
    assertTrue(Role.parse("owner").isEmpty());
    assertFalse(Role.ADMIN.isCollectiveRole());
  }
}
