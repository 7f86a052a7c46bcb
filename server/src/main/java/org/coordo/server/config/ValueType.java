package org.coordo.server.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.coordo.federation.Uris;

/**
 * What a configuration key accepts. {@link #parse} takes a JSON value (from the file) or a string
 * (from the environment) and returns the typed value, or throws {@link IllegalArgumentException};
 * {@link #expected} says, for the error line, what would have been accepted.
 */
public interface ValueType {

  Object parse(Object raw);

  /** Completes "expected …" in an error line, e.g. {@code an integer from 0 to 65535}. */
  String expected();

  /** A whole number in [min, max]; returns a {@link Long}. */
  static ValueType integer(long min, long max) {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        long value;
        if (raw instanceof Integer || raw instanceof Long) {
          value = ((Number) raw).longValue();
        } else if (raw instanceof String s && s.trim().matches("-?\\d{1,18}")) {
          value = Long.parseLong(s.trim());
        } else {
          throw new IllegalArgumentException();
        }
        if (value < min || value > max) {
          throw new IllegalArgumentException();
        }
        return value;
      }

      @Override
      public String expected() {
        return "an integer from " + min + " to " + max;
      }
    };
  }

  static ValueType bool() {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (raw instanceof Boolean b) {
          return b;
        }
        if (raw instanceof String s) {
          switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true":
              return true;
            case "false":
              return false;
            default:
              break;
          }
        }
        throw new IllegalArgumentException();
      }

      @Override
      public String expected() {
        return "true or false";
      }
    };
  }

  /** A string of at most {@code maxLength} characters, non-blank unless {@code allowEmpty}. */
  static ValueType text(int maxLength, boolean allowEmpty) {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (!(raw instanceof String s)) {
          throw new IllegalArgumentException();
        }
        String text = s.trim(); // what is kept is what is checked (trim() also drops control characters)
        if (text.length() > maxLength || (!allowEmpty && text.isBlank())) {
          throw new IllegalArgumentException();
        }
        return text;
      }

      @Override
      public String expected() {
        return (allowEmpty ? "text" : "non-empty text") + " of at most " + maxLength + " characters";
      }
    };
  }

  /** One of a fixed list of lower-case words; returns the word. */
  static ValueType oneOf(String... choices) {
    List<String> allowed = List.of(choices);
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (raw instanceof String s && allowed.contains(s.trim())) {
          return s.trim();
        }
        throw new IllegalArgumentException();
      }

      @Override
      public String expected() {
        return "one of " + String.join(", ", allowed);
      }
    };
  }

  /** An IP literal or a DNS host name (not resolved here). */
  static ValueType host() {
    Pattern hostName =
        Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    Pattern ipv6 = Pattern.compile("(?i)[0-9a-f:.]{2,45}");
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (raw instanceof String s && (hostName.matcher(s.trim()).matches()
            || (s.contains(":") && ipv6.matcher(s.trim()).matches()))) {
          return s.trim();
        }
        throw new IllegalArgumentException();
      }

      @Override
      public String expected() {
        return "an IP address or host name, e.g. 127.0.0.1";
      }
    };
  }

  /**
   * The node's public base URL: absolute http(s), a host, no user info, no path (other than "/"),
   * query or fragment. Returns a {@link URI} without a trailing slash.
   */
  static ValueType baseUrl() {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (!(raw instanceof String s)) {
          throw new IllegalArgumentException();
        }
        URI uri = Uris.parseHttp(s.trim()).orElseThrow(IllegalArgumentException::new);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath();
        boolean ok = uri.getRawUserInfo() == null
            && (path == null || path.isEmpty() || path.equals("/"))
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
        if (!ok) {
          throw new IllegalArgumentException();
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
      }

      @Override
      public String expected() {
        return "an absolute http(s) URL with no path, query or fragment, e.g. https://coordo.example.org";
      }
    };
  }

  /**
   * A directory the node can write to, created later if missing (then its nearest existing parent
   * must be writable). Relative paths are resolved against the working directory. Returns an
   * absolute, normalized {@link Path}.
   */
  static ValueType writableDirectory() {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (!(raw instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException();
        }
        Path dir;
        try {
          dir = Path.of(s.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
          throw new IllegalArgumentException(e);
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
          existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
          throw new IllegalArgumentException();
        }
        return dir;
      }

      @Override
      public String expected() {
        return "a writable directory (or a path that can be created)";
      }
    };
  }
  // mail (helper "mail-core")

  /**
   * {@code inner}, or the empty string: an optional value whose default is "not set". Returns {@code ""} or
   * what {@code inner} returns.
   */
  static ValueType optional(ValueType inner) {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (raw instanceof String s && s.isBlank()) {
          return "";
        }
        return inner.parse(raw);
      }

      @Override
      public String expected() {
        return inner.expected() + ", or empty";
      }
    };
  }

  /** A mail address ({@code local@domain}, see {@code mail/MailAddresses}); returns it trimmed. */
  static ValueType mailAddress() {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (raw instanceof String s && org.coordo.server.mail.MailAddresses.valid(s.trim())) {
          return s.trim();
        }
        throw new IllegalArgumentException();
      }

      @Override
      public String expected() {
        return "a mail address, e.g. coordo@collectif.example";
      }
    };
  }

  /** A regular file the node can read; returns its absolute, normalized {@link Path}. */
  static ValueType readableFile() {
    return new ValueType() {
      @Override
      public Object parse(Object raw) {
        if (!(raw instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException();
        }
        Path file;
        try {
          file = Path.of(s.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
          throw new IllegalArgumentException(e);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
          throw new IllegalArgumentException();
        }
        return file;
      }

      @Override
      public String expected() {
        return "a readable file";
      }
    };
  }
}
