package org.coordo.federation.sig;

import java.security.KeyPair;

/** RSA-2048 key pairs generated once per test run (generation is slow). */
final class TestKeys {
  static final KeyPair ALICE = ActorKeys.generate();
  static final KeyPair BOB = ActorKeys.generate();

  private TestKeys() {}
}
