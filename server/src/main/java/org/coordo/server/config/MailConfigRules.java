package org.coordo.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coordo.server.mail.DkimKey;

/**
 * The rules between {@code mail.*} keys, checked after each key was parsed: a sender when mail is on,
 * a password with a login (from the environment, or read here from {@code mail.passwordFile}), DKIM
 * all or nothing with a key that reads as PEM PKCS#8 RSA.
 */
final class MailConfigRules {
  private MailConfigRules() {}

  static void apply(Map<String, Object> values, Map<String, ConfigLoader.Setting> settings,
      Map<String, String> sources) {
    boolean on = !"off".equals(values.get(ConfigSchema.MAIL_TRANSPORT.path()));
    if (on && ((String) values.get(ConfigSchema.MAIL_FROM.path())).isEmpty()) {
      throw ConfigException.invalid(ConfigSchema.MAIL_FROM.path(), "", "a sender address when mail.transport is "
          + values.get(ConfigSchema.MAIL_TRANSPORT.path()), source(settings, ConfigSchema.MAIL_FROM));
    }
    SecretFiles.read(values, settings, sources, ConfigSchema.MAIL_PASSWORD, ConfigSchema.MAIL_PASSWORD_FILE);
    if (on && !((String) values.get(ConfigSchema.MAIL_USER.path())).isEmpty()
        && ((String) values.get(ConfigSchema.MAIL_PASSWORD.path())).isEmpty()) {
      throw new ConfigException("mail.user is set but no password: set " + ConfigSchema.MAIL_PASSWORD.envName()
          + " in the environment or mail.passwordFile");
    }
    List<ConfigKey> dkim = List.of(ConfigSchema.MAIL_DKIM_DOMAIN, ConfigSchema.MAIL_DKIM_SELECTOR,
        ConfigSchema.MAIL_DKIM_KEY_FILE);
    long set = dkim.stream().filter(k -> !"".equals(values.get(k.path()))).count();
    if (set != 0 && set != dkim.size()) {
      ConfigKey missing = dkim.stream().filter(k -> "".equals(values.get(k.path()))).findFirst().orElseThrow();
      throw ConfigException.invalid(missing.path(), "", "a value: DKIM needs mail.dkim.domain, mail.dkim.selector "
          + "and mail.dkim.keyFile together", source(settings, missing));
    }
    if (values.get(ConfigSchema.MAIL_DKIM_KEY_FILE.path()) instanceof Path key) {
      try {
        DkimKey.read(key);
      } catch (IllegalArgumentException e) {
        throw ConfigException.invalid(ConfigSchema.MAIL_DKIM_KEY_FILE.path(), key, "an RSA private key in a PEM "
            + "PKCS#8 file (" + e.getMessage() + ")", source(settings, ConfigSchema.MAIL_DKIM_KEY_FILE));
      }
    }
  }

  private static String source(Map<String, ConfigLoader.Setting> settings, ConfigKey key) {
    return settings.get(key.path()).source();
  }
}
