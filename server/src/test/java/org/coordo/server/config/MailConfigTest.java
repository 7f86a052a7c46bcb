package org.coordo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mail.*} keys: defaults, what is refused at start, where the password may come from. */
class MailConfigTest {
  @TempDir Path tmp;

  private NodeConfig.Mail load(String json, Map<String, String> env) throws IOException {
    Map<String, String> all = new HashMap<>(env);
    all.put("COORDO_DATA_DIR", tmp.resolve("data").toString());
    return ConfigLoader.load(Files.writeString(tmp.resolve("node.json"), json), all).config().mail();
  }

  private String error(String json, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(json, env));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static final Map<String, String> SMTP = Map.of("COORDO_MAIL_TRANSPORT", "smtp",
      "COORDO_MAIL_FROM", "coordo@grenoble.example");

  @Test
  void mailIsOffByDefault() throws IOException {
    NodeConfig.Mail mail = load("{}", Map.of());
    assertFalse(mail.enabled());
    assertTrue(mail.summary().startsWith("mail is off"), mail.summary());
    assertEquals(5, mail.rate());
    assertEquals(tmp.resolve("data").resolve("mail"), mail.directory());
    assertNull(mail.dkim());
  }

  @Test
  void smtpSettingsAreReadFromTheFileAndTheEnvironment() throws IOException {
    NodeConfig.Mail mail = load("{\"mail\": {\"transport\": \"smtp\", \"host\": \"smtp.example.org\", \"port\": 465,"
        + " \"security\": \"tls\", \"user\": \"coordo\", \"from\": \"coordo@grenoble.example\", \"rate\": 20}}",
        Map.of("COORDO_MAIL_PASSWORD", "s3cret"));
    assertEquals(NodeConfig.Mail.Transport.SMTP, mail.transport());
    assertEquals("smtp.example.org", mail.host());
    assertEquals(465, mail.port());
    assertEquals(NodeConfig.Mail.Security.TLS, mail.security());
    assertEquals("s3cret", mail.password());
    assertEquals(20, mail.rate());
    assertTrue(mail.summary().startsWith("mail is on: SMTP to smtp.example.org:465 (tls, login coordo)"),
        mail.summary());
    assertFalse(mail.toString().contains("s3cret"), mail.toString());
  }

  @Test
  void aPasswordInTheConfigurationFileIsRefused() {
    String message = error("{\"mail\": {\"password\": \"s3cret\"}}", Map.of());
    assertTrue(message.startsWith("mail.password: a secret is never read from the configuration file"), message);
    assertTrue(message.contains("COORDO_MAIL_PASSWORD"), message);
    assertFalse(message.contains("s3cret"), message);
  }

  @Test
  void thePasswordFileGivesThePasswordWhenTheEnvironmentDoesNot() throws IOException {
    Path secret = Files.writeString(tmp.resolve("smtp-password"), "from-file\n");
    Map<String, String> env = new HashMap<>(SMTP);
    env.put("COORDO_MAIL_USER", "coordo");
    env.put("COORDO_MAIL_PASSWORD_FILE", secret.toString());
    assertEquals("from-file", load("{}", env).password());
    env.put("COORDO_MAIL_PASSWORD", "from-env");
    assertEquals("from-env", load("{}", env).password());
  }

  @Test
  void aLoginWithoutPasswordIsRefused() {
    Map<String, String> env = new HashMap<>(SMTP);
    env.put("COORDO_MAIL_USER", "coordo");
    assertTrue(error("{}", env).startsWith("mail.user is set but no password"), error("{}", env));
  }

  @Test
  void mailOnWithoutASenderIsRefused() {
    assertEquals("mail.from = : expected a sender address when mail.transport is smtp (from default)",
        error("{}", Map.of("COORDO_MAIL_TRANSPORT", "smtp")));
  }

  @Test
  void badValuesAreRefusedWithTheKeyAndWhatIsExpected() {
    assertEquals("mail.security = ssl: expected one of none, starttls, tls (from COORDO_MAIL_SECURITY)",
        error("{}", Map.of("COORDO_MAIL_SECURITY", "ssl")));
    assertEquals("mail.transport = sendmail: expected one of off, smtp, directory (from COORDO_MAIL_TRANSPORT)",
        error("{}", Map.of("COORDO_MAIL_TRANSPORT", "sendmail")));
    assertTrue(error("{}", Map.of("COORDO_MAIL_FROM", "coordo@")).startsWith("mail.from = coordo@: expected a mail"));
    assertTrue(error("{}", Map.of("COORDO_MAIL_RATE", "0")).startsWith("mail.rate = 0: expected an integer from 1"));
  }

  @Test
  void dkimNeedsDomainSelectorAndAReadablePkcs8RsaKey() throws IOException {
    Map<String, String> env = new HashMap<>(SMTP);
    env.put("COORDO_MAIL_DKIM_DOMAIN", "grenoble.example");
    assertTrue(error("{}", env).startsWith("mail.dkim.selector = : expected a value: DKIM needs"), error("{}", env));
    env.put("COORDO_MAIL_DKIM_SELECTOR", "coordo");
    Path notAKey = Files.writeString(tmp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    env.put("COORDO_MAIL_DKIM_KEY_FILE", notAKey.toString());
    assertTrue(error("{}", env).contains("expected an RSA private key in a PEM PKCS#8 file (not an RSA private key)"),
        error("{}", env));
    Path pkcs1 = Files.writeString(tmp.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    env.put("COORDO_MAIL_DKIM_KEY_FILE", pkcs1.toString());
    assertTrue(error("{}", env).contains("PKCS#1 key: convert it with openssl pkcs8"), error("{}", env));
  }
}
