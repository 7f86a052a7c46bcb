package org.coordo.server.service.group;

import java.util.Map;
import java.util.regex.Pattern;
import org.coordo.server.service.account.AccountRules;
import org.coordo.server.text.MarkupLimits;

/** The limits of working groups' fields, checked into field errors (422). */
public final class GroupRules {
  /** A group's slug: 1 to 30 lower-case letters, digits or '-', starting with a letter or digit. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");
  public static final int MAX_PLACE = 300;
  public static final int MAX_AGENDA = 2_000;
  public static final int MAX_POST = 20_000;
  public static final int MAX_PILOTS_AT_CREATION = 10;

  private GroupRules() {}

  static void checkName(Map<String, String> errors, String name) {
    if (name == null || name.isBlank()) {
      errors.put("name", "required");
    } else if (!NAME.matcher(name).matches()) {
      errors.put("name", "use 1 to 30 lower-case letters, digits or '-' (not starting with '-')");
    }
  }

  static void checkTexts(Map<String, String> errors, String displayName, String purpose) {
    AccountRules.checkDisplayName(errors, "displayName", displayName);
    AccountRules.checkDescription(errors, "purpose", purpose);
  }

  static void checkPost(Map<String, String> errors, String text) {
    if (text == null || text.isBlank()) {
      errors.put("text", "required");
    } else if (text.length() > MAX_POST) {
      errors.put("text", "at most " + MAX_POST + " characters");
    } else if (MarkupLimits.markdownTooDeep(text)) {
      errors.put("text", MarkupLimits.TOO_DEEP);
    }
  }
}
