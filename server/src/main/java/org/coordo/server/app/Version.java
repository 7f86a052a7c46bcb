package org.coordo.server.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Coordo version, from the build (filtered resource {@code coordo-version.properties}). */
public final class Version {
  private static final String CURRENT = load();

  private Version() {}

  public static String current() {
    return CURRENT;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/coordo-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
