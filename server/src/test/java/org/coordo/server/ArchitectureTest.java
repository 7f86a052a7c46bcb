package org.coordo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The structure the node's map promises, read from the server's sources: the server reaches
 * federation through its port only (the root package {@code org.coordo.federation}, {@code spi},
 * {@code vocab}), never through the component getters kept for federation's own tests, and HTTP
 * handlers reach data through services.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/coordo/server");
  /** {@code org.coordo.federation.x.Y}: a class in a federation subpackage, imported or written out. */
  private static final Pattern FEDERATION_SUBPACKAGE = Pattern.compile("\\borg\\.coordo\\.federation\\.([a-z]\\w*)\\.");

  @Test
  void serverUsesOnlyTheFederationPortSpiAndVocabulary() {
    List<String> offences = new ArrayList<>();
    for (Path file : sources(MAIN)) {
      String text = read(file);
      Matcher m = FEDERATION_SUBPACKAGE.matcher(text);
      while (m.find()) {
        String pkg = m.group(1);
        if (!pkg.equals("spi") && !pkg.equals("vocab")) {
          offences.add(MAIN.relativize(file) + ": org.coordo.federation." + pkg);
        }
      }
      if (text.contains(".internals()")) {
        offences.add(MAIN.relativize(file) + ": Federation.internals()");
      }
    }
    assertEquals(List.of(), offences, "the server talks to federation through FederationContext, spi and vocab only");
  }

  @Test
  void handlersAndPagesReachDataThroughServices() {
    List<String> offences = new ArrayList<>();
    for (String layer : List.of("api", "web", "feeds")) {
      for (Path file : sources(MAIN.resolve(layer))) {
        for (String line : read(file).split("\n")) {
          if (line.startsWith("import org.coordo.server.data.") || line.startsWith("import org.coordo.storage.")
              && !line.contains("storage.Cursor") && !line.contains("storage.Page")) {
            offences.add(MAIN.relativize(file) + ": " + line);
          }
        }
      }
    }
    assertEquals(List.of(), offences, "handlers parse, call a service, map the result (STYLE.md rule 1)");
  }

  @Test
  void theCheckSeesTheSources() {
    assertTrue(sources(MAIN).size() > 100, "run from the server module: " + Path.of("").toAbsolutePath());
  }

  private static List<Path> sources(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
