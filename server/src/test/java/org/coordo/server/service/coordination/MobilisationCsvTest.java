package org.coordo.server.service.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.coordo.server.domain.aggregation.CityActivity;
import org.coordo.server.domain.coordination.MemberCity;
import org.junit.jupiter.api.Test;

class MobilisationCsvTest {
  static MobilisationService.Row row(String name, String display, CityActivity a, Integer day) {
    return new MobilisationService.Row(new MemberCity(name, display, "@" + name + "@h.example", "https://h.example/" + name,
        "https://h.example/actors/" + name, MemberCity.How.FOLLOWED, null), true, a, day);
  }

  @Test
  void cellsASpreadsheetWouldRunAsFormulasAreDefusedAndQuotedWhenNeeded() {
    MobilisationService.Dashboard d = new MobilisationService.Dashboard(List.of(
        row("evil", "=HYPERLINK(\"http://x\",\"clic\")", new CityActivity(1, 2, 3, Instant.parse("2026-11-30T23:30:00Z")), 4),
        row("tab", "\tcmd", new CityActivity(0, 0, 0, null), null),
        row("lyon", "Lyon, \"en lutte\"", new CityActivity(0, 0, 0, null), null)), Instant.EPOCH, null);
    String csv = MobilisationCsv.of(d, ZoneId.of("Europe/Paris"));
    assertTrue(csv.startsWith("\uFEFFcity,name,handle,"), csv);
    String[] lines = csv.substring(1).split("\r\n");
    assertEquals(4, lines.length);
    assertEquals("evil,\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\",'@evil@h.example,followed,yes,1,2,3,2026-12-01,4",
        lines[1], "the last publication's date is the Paris day");
    assertEquals("tab,'\tcmd,'@tab@h.example,followed,yes,0,0,0,,", lines[2]);
    assertEquals("lyon,\"Lyon, \"\"en lutte\"\"\",'@lyon@h.example,followed,yes,0,0,0,,", lines[3]);
  }
}
