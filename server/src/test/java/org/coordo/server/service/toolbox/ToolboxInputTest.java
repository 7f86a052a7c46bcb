package org.coordo.server.service.toolbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.coordo.server.domain.Audience;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.Test;

class ToolboxInputTest {

  @Test
  void fileNamesKeepOnlyTheirLastPartAndTakeTheSniffedExtension() {
    assertEquals("tract.pdf", ToolboxUpload.safeName("C:\\Users\\camille\\tract.pdf", "pdf", 120));
    assertEquals("passwd.pdf", ToolboxUpload.safeName("../../etc/passwd", "pdf", 120));
    assertEquals("page.pdf", ToolboxUpload.safeName("page.html", "pdf", 120), "the bytes name the type");
    assertEquals("document.png", ToolboxUpload.safeName("...", "png", 120));
    assertEquals("lettre recours.odt", ToolboxUpload.safeName("lettre\u0000 \"recours\"\n.odt", "odt", 120));
    assertEquals("document.pdf", ToolboxUpload.safeName(null, "pdf", 120));
    assertEquals(120, ToolboxUpload.safeName("a".repeat(500) + ".pdf", "pdf", 120).length());
  }

  @Test
  void detailsAreCheckedFieldByField() {
    ToolboxInput ok = ToolboxInput.parse("  Lettres\ntypes ", " Lettre ", "Ligne 1\r\nLigne 2", "members");
    assertEquals("Lettres types", ok.folder(), "one line");
    assertEquals("Lettre", ok.title());
    assertEquals("Ligne 1\nLigne 2", ok.description());
    assertEquals(Audience.MEMBERS, ok.audience());
    assertEquals(Audience.PUBLIC, ToolboxInput.parse("", "t", "", null).audience(), "public by default");
    NodeError e = assertThrows(NodeError.class, () -> ToolboxInput.parse("f".repeat(61), "", "d".repeat(2001), "all"));
    assertEquals(422, e.status());
    assertEquals(Map.of("title", "is required", "folder", "at most 60 characters",
        "description", "at most 2000 characters", "audience", "must be public or members"), e.fields());
  }
}
