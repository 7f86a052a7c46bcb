package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestsTest {
  static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  static final String SHA256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";
  static final String SHA512 = "WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==";

  @Test
  void computesBothForms() {
    assertEquals("SHA-256=" + SHA256, Digests.digestHeader(BODY));
    assertEquals("sha-256=:" + SHA256 + ":", Digests.contentDigestHeader(BODY));
    assertEquals("sha-512=:" + SHA512 + ":", Digests.contentDigestHeader(BODY, "sha-512"));
  }

  @Test
  void legacyDigestIsParsedTolerantly() {
    assertEquals(Digests.Check.MATCH, Digests.verifyDigest("SHA-256=" + SHA256, BODY));
    assertEquals(Digests.Check.MATCH, Digests.verifyDigest("sha-256=" + SHA256, BODY));
    assertEquals(Digests.Check.MATCH, Digests.verifyDigest("SHA256=" + SHA256, BODY));
    assertEquals(Digests.Check.MATCH, Digests.verifyDigest("MD5=abc=, SHA-512=" + SHA512 + ", SHA-256=" + SHA256, BODY));
    assertEquals(Digests.Check.MISMATCH, Digests.verifyDigest("SHA-256=" + SHA256, "{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Digests.Check.MISMATCH, Digests.verifyDigest("SHA-256=" + SHA256 + ",SHA-512=" + SHA256, BODY));
    assertEquals(Digests.Check.UNSUPPORTED, Digests.verifyDigest("MD5=Sd/dVLAcvNLSq16eXua5uQ==", BODY));
    assertEquals(Digests.Check.MALFORMED, Digests.verifyDigest("nonsense", BODY));
    assertEquals(Digests.Check.MALFORMED, Digests.verifyDigest("SHA-256=%%%", BODY));
  }

  @Test
  void contentDigestIsParsedTolerantly() {
    assertEquals(Digests.Check.MATCH, Digests.verifyContentDigest("sha-256=:" + SHA256 + ":", BODY));
    assertEquals(Digests.Check.MATCH, Digests.verifyContentDigest("SHA-512=:" + SHA512 + ":", BODY));
    assertEquals(Digests.Check.MATCH, Digests.verifyContentDigest("unixsum=:AAA=:, sha-256=:" + SHA256 + ":", BODY));
    assertEquals(Digests.Check.MISMATCH, Digests.verifyContentDigest("sha-256=:" + SHA256 + ":", new byte[0]));
    assertEquals(Digests.Check.UNSUPPORTED, Digests.verifyContentDigest("md5=:Sd/dVLAcvNLSq16eXua5uQ==:", BODY));
    assertEquals(Digests.Check.MALFORMED, Digests.verifyContentDigest("sha-256=" + SHA256, BODY));
  }
}
