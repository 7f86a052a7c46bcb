package org.coordo.server.mail;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a DKIM key configured, every message carries a signature that verifies independently. */
class MailDkimIT {
  @TempDir Path dir;

  @Test
  void messagesAreSignedWithTheConfiguredDomainAndSelectorAndTheSignatureVerifies() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    Path keyFile = Files.writeString(dir.resolve("dkim.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    try (SmtpSink sink = SmtpSink.start()) {
      Map<String, String> env = new HashMap<>(sink.nodeEnv());
      env.put("COORDO_MAIL_DKIM_DOMAIN", "coordo.example");
      env.put("COORDO_MAIL_DKIM_SELECTOR", "mail2026");
      env.put("COORDO_MAIL_DKIM_KEY_FILE", keyFile.toString());
      Node node = await(Node.start(TestNodes.config(dir, env), TestNodes.options(false)));
      try {
        await(node.services().mail().sendAll(List.of(
            new OutgoingMail("ada@example.org", "Coordo — Grenoble", "Nouvelle publication : assemblée générale",
                "Jeudi   18 h,  Bourse du travail.  \n\n\n", "<p>Jeudi <b>18 h</b></p>", List.of(),
                "https://grenoble.example/mail/unsubscribe/t1", "auto-generated", null, null, "publication"),
            OutgoingMail.personal("bob@example.org", null, "Invitation", "Bienvenue.", null, "invitation"))));

        for (String to : List.of("ada@example.org", "bob@example.org")) {
          String raw = sink.awaitOne(to).raw();
          Map<String, String> tags = DkimVerifier.tags(raw);
          assertEquals("coordo.example", tags.get("d"));
          assertEquals("mail2026", tags.get("s"));
          assertEquals("rsa-sha256", tags.get("a"));
          assertEquals("relaxed/relaxed", tags.get("c"));
          assertTrue(tags.get("h").toLowerCase().contains("from"), tags.get("h"));
          assertEquals(DkimVerifier.bodyHash(raw), tags.get("bh"), "body hash");
          assertTrue(DkimVerifier.signatureValid(raw, keys.getPublic()), "signature of " + to + "\n" + raw);
          // a changed subject no longer verifies
          assertFalse(DkimVerifier.signatureValid(raw.replaceFirst("Subject: ", "Subject: Re: "), keys.getPublic()));
        }
      } finally {
        await(node.stop());
      }
    }
  }
}
