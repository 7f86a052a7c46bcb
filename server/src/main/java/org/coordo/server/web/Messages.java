package org.coordo.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.coordo.server.domain.publication.EventCategory;

/**
 * The pages' message bundles, {@code web/i18n/messages_<lang>.properties} read as UTF-8. French is
 * the default language, English the second. Arguments are {@code {0}}, {@code {1}}… replaced as
 * plain text (no {@code MessageFormat}, so French apostrophes need no quoting). The event categories'
 * names ({@code category.STRIKE}) come from {@link EventCategory}.
 */
public final class Messages {
  /** Supported languages, the default first. */
  public static final List<String> LANGUAGES = List.of("fr", "en");
  public static final String DEFAULT = "fr";

  private static final String CATEGORY = "category.";

  private final Map<String, Bundle> bundles = new LinkedHashMap<>();

  private Messages(Map<String, Properties> loaded) {
    loaded.forEach((lang, props) -> bundles.put(lang, new Bundle(lang, props)));
  }

  /** Loads every supported language from the class path; fails loudly when one is missing. */
  public static Messages load() {
    Map<String, Properties> loaded = new LinkedHashMap<>();
    for (String lang : LANGUAGES) {
      loaded.put(lang, read("web/i18n/messages_" + lang + ".properties"));
    }
    return new Messages(loaded);
  }

  static Properties read(String resource) {
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing message bundle " + resource);
      }
      Properties props = new Properties();
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundle of that language, or the default one. */
  public Bundle bundle(String lang) {
    Bundle b = bundles.get(lang);
    return b != null ? b : bundles.get(DEFAULT);
  }

  /** One language's messages. */
  public static final class Bundle {
    private final String lang;
    private final Locale locale;
    private final Properties props;

    Bundle(String lang, Properties props) {
      this.lang = lang;
      this.locale = Locale.forLanguageTag(lang);
      this.props = props;
    }

    public String lang() {
      return lang;
    }

    public Locale locale() {
      return locale;
    }

    public Set<String> keys() {
      return new TreeSet<>(props.stringPropertyNames());
    }

    public boolean has(String key) {
      return props.containsKey(key) || category(key) != null;
    }

    /**
     * The message for a count {@code n} (given as {@code {0}}): {@code key.zero} for 0 when the bundle
     * has it, {@code key.one} for the language's singular (French: 0 and 1; English: 1), else {@code key}.
     */
    public String count(String key, long n) {
      boolean one = lang.equals("fr") ? n == 0 || n == 1 : n == 1;
      if (n == 0 && has(key + ".zero")) {
        return t(key + ".zero", n);
      }
      return t(one && has(key + ".one") ? key + ".one" : key, n);
    }

    /** The message, with {@code {i}} replaced by {@code args[i]}; {@code ??key??} when unknown. */
    public String t(String key, Object... args) {
      String text = props.getProperty(key);
      if (text == null) {
        text = category(key);
      }
      if (text == null) {
        return "??" + key + "??";
      }
      for (int i = 0; i < args.length; i++) {
        text = text.replace("{" + i + "}", String.valueOf(args[i]));
      }
      return text;
    }

    /**
     * {@code category.STRIKE}: event categories are named in {@link EventCategory}, their one place (a
     * Mobilizon name still stored on a national item reads as its Coordo counterpart's).
     */
    private String category(String key) {
      return key.startsWith(CATEGORY) ? EventCategory.fromStored(key.substring(CATEGORY.length()))
          .map(c -> c.label(locale)).orElse(null) : null;
    }
  }
}
