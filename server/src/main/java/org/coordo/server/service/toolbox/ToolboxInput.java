package org.coordo.server.service.toolbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.coordo.server.domain.Audience;
import org.coordo.server.domain.toolbox.ToolboxDocument;
import org.coordo.server.error.NodeError;

/**
 * What an editor typed about a document, checked: title required (at most {@value
 * ToolboxDocument#MAX_TITLE} characters), folder (at most {@value ToolboxDocument#MAX_FOLDER}, one
 * level, no line breaks) and description (at most {@value ToolboxDocument#MAX_DESCRIPTION}) optional,
 * audience {@code public} or {@code members}. Refusals are 422 with one message per field.
 */
public record ToolboxInput(String folder, String title, String description, Audience audience) {

  /** Checks raw form or JSON values; throws {@link NodeError#validationFailed} naming each bad field. */
  public static ToolboxInput parse(String folder, String title, String description, String audience) {
    Map<String, String> errors = new LinkedHashMap<>();
    String t = oneLine(title);
    String f = oneLine(folder);
    String d = description == null ? "" : description.replace("\r\n", "\n").replaceAll("[\\p{Cntrl}&&[^\n\t]]", "")
        .strip();
    if (t.isEmpty()) {
      errors.put("title", "is required");
    } else if (t.codePointCount(0, t.length()) > ToolboxDocument.MAX_TITLE) {
      errors.put("title", "at most " + ToolboxDocument.MAX_TITLE + " characters");
    }
    if (f.codePointCount(0, f.length()) > ToolboxDocument.MAX_FOLDER) {
      errors.put("folder", "at most " + ToolboxDocument.MAX_FOLDER + " characters");
    }
    if (d.codePointCount(0, d.length()) > ToolboxDocument.MAX_DESCRIPTION) {
      errors.put("description", "at most " + ToolboxDocument.MAX_DESCRIPTION + " characters");
    }
    Audience a = audience == null || audience.isBlank() ? Audience.PUBLIC : Audience.parse(audience).orElse(null);
    if (a == null) {
      errors.put("audience", "must be public or members");
    }
    if (!errors.isEmpty()) {
      throw NodeError.validationFailed(errors);
    }
    return new ToolboxInput(f, t, d, a);
  }

  /** Control characters and line breaks out, runs of spaces made one. */
  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ").strip();
  }
}
