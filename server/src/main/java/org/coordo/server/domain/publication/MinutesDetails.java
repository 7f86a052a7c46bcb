package org.coordo.server.domain.publication;

import java.time.LocalDate;
import java.util.List;

/**
 * What only general-assembly minutes have.
 *
 * @param assemblyDate the day the assembly met
 * @param place where it met, or null
 * @param attendance plain text ("32 present, 5 proxies"), or null
 * @param decisions the decisions taken, one plain-text line each
 */
public record MinutesDetails(LocalDate assemblyDate, String place, String attendance, List<String> decisions) {
  public MinutesDetails {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }
}
