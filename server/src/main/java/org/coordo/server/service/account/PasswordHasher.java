package org.coordo.server.service.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (Bouncy Castle), stored as a PHC string:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (salt and hash in unpadded standard base64).
 * Verification reads the parameters from the stored string, so they can be raised later without
 * invalidating existing hashes ({@link #needsRehash} says when to re-hash at the next login), and
 * compares in constant time.
 *
 * <p>CPU- and memory-heavy on purpose (tens of milliseconds, {@code memoryKib} KiB): call it from a
 * worker, never from an event loop.
 */
public final class PasswordHasher {

  /** OWASP's recommended minimum for Argon2id: m=19 MiB, t=2, p=1. */
  public static final Params DEFAULT = new Params(19 * 1024, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
      "^\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{16,})$");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** Argon2 cost parameters. */
  public record Params(int memoryKib, int iterations, int parallelism) {
    public Params {
      if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
        throw new IllegalArgumentException("invalid Argon2 parameters");
      }
    }
  }

  private final Params params;
  private final SecureRandom random;
  private volatile String dummyHash;

  public PasswordHasher() {
    this(DEFAULT);
  }

  public PasswordHasher(Params params) {
    this(params, new SecureRandom());
  }

  public PasswordHasher(Params params, SecureRandom random) {
    this.params = params;
    this.random = random;
  }

  /** A new PHC string for the password, with a fresh random 16-byte salt. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, params, HASH_BYTES);
    return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p="
        + params.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
  }

  /** Whether the password matches the stored PHC string; false for any malformed string. */
  public boolean verify(String password, String phc) {
    Optional<Parsed> parsed = parse(phc);
    if (parsed.isEmpty() || password == null) {
      return false;
    }
    Parsed p = parsed.get();
    byte[] candidate = derive(password, p.salt, p.params, p.hash.length);
    return MessageDigest.isEqual(candidate, p.hash);
  }

  /**
   * Spends the same time as a real verification, for logins of unknown users (so response time
   * does not tell which usernames exist). Always false.
   */
  public boolean verifyNothing(String password) {
    String dummy = dummyHash;
    if (dummy == null) {
      dummy = hash("coordo-dummy-password");
      dummyHash = dummy;
    }
    verify(password == null ? "" : password, dummy);
    return false;
  }

  /** Whether a stored hash uses other parameters than this hasher's (re-hash it at next login). */
  public boolean needsRehash(String phc) {
    return parse(phc).map(p -> !p.params.equals(params)).orElse(true);
  }

  /** Whether the string is an Argon2id PHC string this class can verify. */
  public static boolean isArgon2idPhc(String phc) {
    return parse(phc).isPresent();
  }

  private record Parsed(Params params, byte[] salt, byte[] hash) {}

  private static Optional<Parsed> parse(String phc) {
    if (phc == null) {
      return Optional.empty();
    }
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Params params = new Params(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      if (params.memoryKib() > 4 * 1024 * 1024 || params.iterations() > 64) {
        return Optional.empty(); // refuse absurd costs from a tampered record
      }
      return Optional.of(new Parsed(params, B64D.decode(m.group(4)), B64D.decode(m.group(5))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] derive(String password, byte[] salt, Params params, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(params.memoryKib())
        .withIterations(params.iterations())
        .withParallelism(params.parallelism())
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(pw, out);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    return out;
  }
}
