package org.coordo.server.service.account;

import java.util.Map;
import org.coordo.federation.Uris;
import org.coordo.server.mail.MailAddresses;
import org.coordo.server.error.NodeError;
import org.coordo.server.text.MarkupLimits;

/** Validation of what people type, one message per field. Pure functions. */
public final class AccountRules {
  public static final int MIN_PASSWORD = 10;
  public static final int MAX_PASSWORD = 1024;
  public static final int MAX_DISPLAY_NAME = 100;
  public static final int MAX_DESCRIPTION = 10_000;

  private AccountRules() {}

  /** Adds a message for {@code field} unless {@code name} is a valid actor name. */
  public static void checkName(Map<String, String> errors, String field, String name) {
    if (name == null || name.isBlank()) {
      errors.put(field, "required");
    } else if (!Uris.isValidActorName(name)) {
      errors.put(field, "use 1 to 64 lower-case letters, digits, '_', '.' or '-' (not starting with '.' or '-')");
    }
  }

  public static void checkPassword(Map<String, String> errors, String field, String password) {
    if (password == null || password.isEmpty()) {
      errors.put(field, "required");
    } else if (password.length() < MIN_PASSWORD) {
      errors.put(field, "at least " + MIN_PASSWORD + " characters");
    } else if (password.length() > MAX_PASSWORD) {
      errors.put(field, "at most " + MAX_PASSWORD + " characters");
    }
  }

  /** Display names are optional; when given, 1 to 100 characters without control characters. */
  public static void checkDisplayName(Map<String, String> errors, String field, String displayName) {
    if (displayName == null) {
      return;
    }
    if (displayName.isBlank()) {
      errors.put(field, "must not be blank");
    } else if (displayName.strip().length() > MAX_DISPLAY_NAME) {
      errors.put(field, "at most " + MAX_DISPLAY_NAME + " characters");
    } else if (displayName.chars().anyMatch(Character::isISOControl)) {
      errors.put(field, "must not contain control characters");
    }
  }

  public static void checkDescription(Map<String, String> errors, String field, String description) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      errors.put(field, "at most " + MAX_DESCRIPTION + " characters");
    } else if (MarkupLimits.markdownTooDeep(description)) {
      errors.put(field, MarkupLimits.TOO_DEEP);
    }
  }

  /**
   * The address as stored, or null when none was typed (null or blank); adds a message for {@code
   * field} when what was typed is not a valid address (the mail system's one check, {@link
   * MailAddresses}); stored trimmed with its domain in lower case.
   */
  public static String checkEmail(Map<String, String> errors, String field, String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    String address = typed.strip();
    if (!MailAddresses.valid(address)) {
      errors.put(field, "not a valid mail address");
      return null;
    }
    return MailAddresses.normalize(address);
  }

  /**
   * An address another account already holds: refused without saying so (any member could
   * otherwise learn whose address is whose).
   */
  public static NodeError emailRefused(String field) {
    return NodeError.invalid(field, "this address cannot be used for this account");
  }

  /** The display name as stored: stripped, or the fallback when absent. */
  public static String displayNameOr(String displayName, String fallback) {
    return displayName == null || displayName.isBlank() ? fallback : displayName.strip();
  }
}
