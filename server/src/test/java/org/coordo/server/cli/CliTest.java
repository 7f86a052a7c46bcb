package org.coordo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  /** Runs the command line in-process and captures its exit status and output. */
  record Result(int status, String out, String err) {}

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Cli(Commands.standard(), env,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryCommand() {
    Result r = run(Map.of(), "--help");
    assertEquals(0, r.status());
    for (Command c : Commands.standard()) {
      assertTrue(r.out().contains("  " + c.name() + " "), c.name());
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (Command c : Commands.standard()) {
      Result r = run(Map.of(), c.name(), "--help");
      assertEquals(0, r.status(), c.name());
      assertTrue(r.out().startsWith("Usage: ./coordo " + c.name()), r.out());
    }
  }

  @Test
  void unknownCommandOrOptionIsAUsageError() {
    Result r = run(Map.of(), "frobnicate");
    assertEquals(2, r.status());
    assertEquals("coordo: unknown command 'frobnicate' (see ./coordo --help)\n", r.err());
    assertEquals(2, run(Map.of(), "config", "check", "--verbose").status());
    assertEquals(2, run(Map.of()).status());
  }

  @Test
  void configCheckPrintsOneErrorLineAndExits2() throws IOException {
    Path file = Files.writeString(tmp.resolve("node.json"), "{}");
    Result r = run(Map.of("COORDO_PORT", "70000"), "config", "check", "--config", file.toString());
    assertEquals(2, r.status());
    assertEquals("coordo: config error: port = 70000: expected an integer from 0 to 65535 (from COORDO_PORT)\n",
        r.err());
  }

  @Test
  void configCheckPrintsEffectiveValuesWithTheirOrigin() throws IOException {
    Path file = Files.writeString(tmp.resolve("node.json"), "{\"role\": \"national\"}");
    Result r = run(Map.of("COORDO_PORT", "9999", "COORDO_DATA_DIR", tmp.resolve("data").toString()),
        "config", "check", "--config=" + file);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().matches("(?s).*port +?= 9999 +\\(COORDO_PORT\\).*"), r.out());
    assertTrue(r.out().matches("(?s).*role +?= national +\\(" + Pattern.quote(file.toString()) + "\\).*"), r.out());
    assertTrue(r.out().contains("configuration OK"));
  }

  @Test
  void versionPrintsTheBuildVersion() {
    Result r = run(Map.of(), "version");
    assertEquals(0, r.status());
    assertTrue(r.out().matches("coordo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*\\)\\n"), r.out());
  }
}
