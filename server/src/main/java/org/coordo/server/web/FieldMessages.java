package org.coordo.server.web;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.server.text.MarkupLimits;

/**
 * Maps the services' per-field validation messages (English, stable texts written by the API
 * converter and the account rules) to message keys, so that forms show them in the reader's
 * language. An unknown text falls back to a generic "invalid value" message.
 */
final class FieldMessages {
  private static final Pattern AT_MOST = Pattern.compile("at most (\\d+) .*");
  private static final Pattern AT_LEAST = Pattern.compile("at least (\\d+) .*");

  private FieldMessages() {}

  /** Puts every error of a service's field map into the form, under the form's field names. */
  static void apply(Form form, Map<String, String> fields) {
    fields.forEach((field, message) -> {
      String name = field.startsWith("decisions[") ? "decisions"
          : field.startsWith("attachments") ? "attachment" : field;
      Matcher most = AT_MOST.matcher(message);
      Matcher least = AT_LEAST.matcher(message);
      if (message.equals("is required") || message.equals("must not be empty") || message.equals("required")
          || message.equals("must not be blank")) {
        form.error(name, "error.required");
      } else if (message.equals(MarkupLimits.TOO_DEEP)) {
        form.error(name, "error.tooDeep", String.valueOf(MarkupLimits.MAX_DEPTH));
      } else if (most.matches()) {
        form.error(name, "error.tooLong", most.group(1));
      } else if (least.matches()) {
        form.error(name, "error.tooShort", least.group(1));
      } else {
        form.error(name, keyFor(name, message));
      }
    });
  }

  private static String keyFor(String field, String message) {
    return switch (field) {
      case "startTime", "endTime" -> message.startsWith("must be after") ? "error.endBeforeStart" : "error.dateTime";
      case "timezone" -> "error.timezone";
      case "assemblyDate" -> "error.date";
      case "language" -> "error.language";
      case "category" -> "error.category";
      case "location" -> "error.location";
      case "location.latitude", "location.longitude" -> message.startsWith("must be between")
          ? (field.equals("location.latitude") ? "error.latitudeRange" : "error.longitudeRange")
          : message.startsWith("must be a number") ? "error.coordinateNumber" : "error.coordinates";
      case "location.url" -> "error.url";
      case "attachment" -> "error.attachment";
      case "oldPassword" -> "error.wrongPassword";
      case "username" -> "error.username";
      case "asCollective" -> "error.asCollective";
      // days of action (issue 17)
      case "partOfActionDay" -> message.startsWith("This address is not") ? "error.actionDay.notADay"
          : message.startsWith("The day of action at this address") ? "error.actionDay.unreadable"
          : "error.actionDay.address";
      case "actionDay.firstDay", "actionDay.lastDay" -> message.startsWith("must not be before")
          ? "error.actionDay.order" : message.startsWith("a day of action lasts") ? "error.actionDay.tooLong"
          : message.startsWith("must be between") ? "error.actionDay.bounds" : "error.date";
      case "actionDay.theme" -> "error.actionDay.theme";
      case "email" -> message.startsWith("this address") ? "error.emailRefused" : "error.email";
      default -> "error.invalid";
    };
  }
}
