package org.coordo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tmp;

  private Path file(String json) throws IOException {
    Path file = tmp.resolve("node.json");
    Files.writeString(file, json);
    return file;
  }

  private String error(String json, Map<String, String> env) throws IOException {
    Path file = file(json);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage().replace(file.toString(), "FILE");
  }

  @Test
  void aNameMadeOfControlCharactersIsNotANonEmptyName() throws Exception {
    // Found by ConfigFuzzTest.configEnvironment: "\0\0" passed the non-blank check, then trim() kept "".
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(file("{}"), Map.of("COORDO_NODE_NAME", "\0\0\u0001")));
    assertTrue(e.getMessage().startsWith("node.name = "), e.getMessage());
  }

  @Test
  void defaultsGiveTheDocumentedNode() throws IOException {
    NodeConfig c = ConfigLoader.load(file("{}"), Map.of()).config();
    assertEquals(8080, c.port());
    assertEquals("127.0.0.1", c.bindAddress());
    assertEquals(Path.of("data").toAbsolutePath(), c.dataDir());
    assertEquals(URI.create("http://localhost:8080"), c.publicUrl());
    assertEquals(NodeConfig.Role.CITY, c.role());
    assertFalse(c.federation().allowPrivateAddresses());
    assertFalse(c.federation().authorizedFetch());
    assertEquals(1048576, c.federation().maxBodyBytes());
    assertEquals(Duration.ofSeconds(10), c.http().drainTimeout());
  }

  @Test
  void shippedConfFileIsValidAndMatchesTheDefaults() {
    Path shipped = Path.of("..", "conf", "node.json");
    assertTrue(Files.exists(shipped), "conf/node.json");
    ConfigLoader.Loaded loaded = ConfigLoader.load(shipped, Map.of());
    for (ConfigLoader.Setting s : loaded.settings()) {
      assertEquals(s.key().parse(s.key().defaultValue(), "default"), s.value(), s.key().path());
    }
  }

  @Test
  void environmentNamesAreUpperSnakeCaseOfThePath() {
    assertEquals("COORDO_PORT", ConfigSchema.PORT.envName());
    assertEquals("COORDO_DATA_DIR", ConfigSchema.DATA_DIR.envName());
    assertEquals("COORDO_BIND_ADDRESS", ConfigSchema.BIND_ADDRESS.envName());
    assertEquals("COORDO_PUBLIC_URL", ConfigSchema.PUBLIC_URL.envName());
    assertEquals("COORDO_NODE_NAME", ConfigSchema.NODE_NAME.envName());
    assertEquals("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES",
        ConfigSchema.FEDERATION_ALLOW_PRIVATE_ADDRESSES.envName());
    assertEquals("COORDO_HTTP_MAX_BODY_BYTES", ConfigSchema.HTTP_MAX_BODY_BYTES.envName());
  }

  @Test
  void environmentOverridesFileWhichOverridesDefaults() throws IOException {
    Path file = file("""
        {"port": 9000, "role": "national", "node": {"name": "Grenoble"},
         "federation": {"authorizedFetch": true}}""");
    ConfigLoader.Loaded loaded = ConfigLoader.load(file, Map.of(
        "COORDO_PORT", "9100", "COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true",
        "COORDO_DATA_DIR", tmp.resolve("d").toString(), "COORDO_NODE_DESCRIPTION", ""));
    NodeConfig c = loaded.config();
    assertEquals(9100, c.port());
    assertEquals(NodeConfig.Role.NATIONAL, c.role());
    assertEquals("Grenoble", c.node().name());
    assertTrue(c.federation().authorizedFetch());
    assertTrue(c.federation().allowPrivateAddresses());
    assertEquals(tmp.resolve("d"), c.dataDir());
    assertEquals("", c.node().description(), "an empty variable counts as unset");
    Map<String, String> sources = new java.util.HashMap<>();
    loaded.settings().forEach(s -> sources.put(s.key().path(), s.source()));
    assertEquals("COORDO_PORT", sources.get("port"));
    assertEquals(file.toString(), sources.get("role"));
    assertEquals("default", sources.get("bindAddress"));
  }

  @Test
  void unknownCoordoVariablesAreReportedNotApplied() throws IOException {
    ConfigLoader.Loaded loaded = ConfigLoader.load(file("{}"),
        Map.of("COORDO_PROT", "9000", "COORDO_JAVA_OPTS", "-Xmx1g", "HOME", "/root"));
    assertEquals(8080, loaded.config().port());
    assertEquals(java.util.List.of(
        "COORDO_PROT is not a configuration variable (ignored); see ./coordo config reference"), loaded.warnings());
  }

  @Test
  void publicUrlIsNormalizedWithoutTrailingSlash() throws IOException {
    NodeConfig c = ConfigLoader.load(file("{\"publicUrl\": \"https://Coordo.Example.org/\"}"), Map.of()).config();
    assertEquals(URI.create("https://coordo.example.org"), c.publicUrl());
  }

  @Test
  void portOutOfRangeFromEnvironment() throws IOException {
    assertEquals("port = 70000: expected an integer from 0 to 65535 (from COORDO_PORT)",
        error("{}", Map.of("COORDO_PORT", "70000")));
  }

  @Test
  void portOfWrongTypeInFile() throws IOException {
    assertEquals("port = \"eighty\": expected an integer from 0 to 65535 (from FILE)",
        error("{\"port\": \"eighty\"}", Map.of()));
    assertEquals("port = 80.5: expected an integer from 0 to 65535 (from FILE)",
        error("{\"port\": 80.5}", Map.of()));
  }

  @Test
  void publicUrlWithPathQueryOrRelative() throws IOException {
    String expected = ": expected an absolute http(s) URL with no path, query or fragment,"
        + " e.g. https://coordo.example.org (from COORDO_PUBLIC_URL)";
    assertEquals("publicUrl = https://example.org/coordo" + expected,
        error("{}", Map.of("COORDO_PUBLIC_URL", "https://example.org/coordo")));
    assertEquals("publicUrl = https://example.org?x=1" + expected,
        error("{}", Map.of("COORDO_PUBLIC_URL", "https://example.org?x=1")));
    assertEquals("publicUrl = example.org" + expected, error("{}", Map.of("COORDO_PUBLIC_URL", "example.org")));
    assertEquals("publicUrl = ftp://example.org" + expected,
        error("{}", Map.of("COORDO_PUBLIC_URL", "ftp://example.org")));
  }

  @Test
  void unknownKeysInFileAreRefused() throws IOException {
    assertTrue(error("{\"prot\": 8080}", Map.of())
        .startsWith("prot = 8080: unknown key, expected one of port, bindAddress, dataDir,"));
    String nested = error("{\"federation\": {\"authorisedFetch\": true}}", Map.of());
    assertTrue(nested.startsWith("federation.authorisedFetch = true: unknown key"), nested);
    assertTrue(nested.endsWith("(from FILE)"), nested);
  }

  @Test
  void wrongValuesNameKeyValueAndExpectation() throws IOException {
    assertEquals("role = town: expected one of city, national (from COORDO_ROLE)",
        error("{}", Map.of("COORDO_ROLE", "town")));
    assertEquals("federation.authorizedFetch = \"yes\": expected true or false (from FILE)",
        error("{\"federation\": {\"authorizedFetch\": \"yes\"}}", Map.of()));
    assertEquals("http.maxBodyBytes = 10: expected an integer from 1024 to 1073741824 (from COORDO_HTTP_MAX_BODY_BYTES)",
        error("{}", Map.of("COORDO_HTTP_MAX_BODY_BYTES", "10")));
    assertEquals("node.name = \"  \": expected non-empty text of at most 100 characters (from FILE)",
        error("{\"node\": {\"name\": \"  \"}}", Map.of()));
    assertEquals("bindAddress = \"not an address\": expected an IP address or host name, e.g. 127.0.0.1 (from FILE)",
        error("{\"bindAddress\": \"not an address\"}", Map.of()));
  }

  @Test
  void inboxLimitMustFitTheHttpBodyLimit() throws IOException {
    assertEquals("federation.maxBodyBytes = 4194304: expected at most http.maxBodyBytes (2097152)"
        + " (from COORDO_FEDERATION_MAX_BODY_BYTES)",
        error("{}", Map.of("COORDO_FEDERATION_MAX_BODY_BYTES", "4194304")));
  }

  @Test
  void unwritableDataDirIsRefused() throws IOException {
    Path aFile = Files.writeString(tmp.resolve("plain-file"), "x");
    String dir = aFile.resolve("data").toString();
    assertEquals("dataDir = " + dir + ": expected a writable directory (or a path that can be created)"
        + " (from COORDO_DATA_DIR)", error("{}", Map.of("COORDO_DATA_DIR", dir)));
  }

  @Test
  void badFileIsOneLineNamingTheFile() throws IOException {
    assertTrue(error("{\"port\": ", Map.of()).startsWith("FILE: not a JSON object: "));
    ConfigException missing = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(tmp.resolve("nope.json"), Map.of()));
    assertEquals(tmp.resolve("nope.json") + ": file not found", missing.getMessage());
  }

  @Test
  void readmeConfigurationTableMatchesTheSchema() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(readme.contains(ConfigSchema.markdownTable()),
        "README.md must contain the table printed by ./coordo config reference:\n" + ConfigSchema.markdownTable());
    for (ConfigKey key : ConfigSchema.KEYS) {
      assertTrue(readme.contains("`" + key.envName() + "`"), key.envName());
    }
  }

  @Test
  void publicUrlLeftAtItsDefaultFollowsThePort() throws IOException {
    ConfigLoader.Loaded loaded = ConfigLoader.load(file("{}"), Map.of("COORDO_PORT", "18080"));
    assertEquals(URI.create("http://localhost:18080"), loaded.config().publicUrl());
    assertEquals(List.of(), loaded.warnings());
    // The shipped file writes the default out: it still counts as the default.
    ConfigLoader.Loaded shipped = ConfigLoader.load(file("{\"publicUrl\": \"http://localhost:8080\"}"),
        Map.of("COORDO_PORT", "18080"));
    assertEquals(URI.create("http://localhost:18080"), shipped.config().publicUrl());
    assertTrue(shipped.settings().stream().anyMatch(s -> s.key() == ConfigSchema.PUBLIC_URL
        && s.source().equals("default, following port")), shipped.settings().toString());
  }

  @Test
  void portZeroKeepsTheDefaultPublicUrl() throws IOException {
    assertEquals(URI.create("http://localhost:8080"),
        ConfigLoader.load(file("{}"), Map.of("COORDO_PORT", "0")).config().publicUrl());
  }

  @Test
  void explicitLoopbackPublicUrlOnAnotherPortIsKeptWithAWarningNamingBothKeys() throws IOException {
    ConfigLoader.Loaded loaded = ConfigLoader.load(file("{\"publicUrl\": \"http://127.0.0.1:9000\"}"),
        Map.of("COORDO_PORT", "18080"));
    assertEquals(URI.create("http://127.0.0.1:9000"), loaded.config().publicUrl());
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    String w = loaded.warnings().get(0).replace(tmp.resolve("node.json").toString(), "FILE");
    assertEquals("publicUrl http://127.0.0.1:9000 (from FILE) names port 9000 but port is 18080 (from COORDO_PORT):"
        + " handles and invitation links will point at a port this node does not listen on;"
        + " set publicUrl to http://127.0.0.1:18080 or remove it to follow port", w);
  }

  @Test
  void publicUrlOfAProxyOnAnotherHostIsNotQuestioned() throws IOException {
    ConfigLoader.Loaded loaded = ConfigLoader.load(file("{\"publicUrl\": \"https://coordo.example.org\"}"),
        Map.of("COORDO_PORT", "18080"));
    assertEquals(URI.create("https://coordo.example.org"), loaded.config().publicUrl());
    assertEquals(List.of(), loaded.warnings());
  }
}
