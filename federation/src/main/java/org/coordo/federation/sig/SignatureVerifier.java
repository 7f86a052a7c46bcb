package org.coordo.federation.sig;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies incoming HTTP signatures, draft-cavage-12 and RFC 9421, following FEDERATION-NOTES.md: whatever list
 * is signed is accepted as long as it covers the target, a date and (when there is a body) a digest; the digest
 * must match the body; the date must be within the window either side of now; {@code expires} is honoured.
 *
 * <p>Three steps, so the caller can refuse cheap things before fetching a key:
 * <ol>
 *   <li>{@link #parse} — scheme detection and parsing; gives {@link ParsedSignature#keyId()};
 *   <li>{@link #checkRequest} — coverage, time window, digest (no key needed);
 *   <li>{@link #checkSignature} — the cryptographic check (RSA: run it on a worker, not an event loop).
 * </ol>
 * {@link #verify(SignedRequest, ParsedSignature, PublicKey)} runs 2 and 3. The class is immutable and
 * thread-safe. {@link InboundVerifier} adds key resolution with a refetch on failure.
 */
public final class SignatureVerifier {
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

  private final Clock clock;
  private final Duration window;
  private final boolean coverageRules;

  public SignatureVerifier(Clock clock, Duration window) {
    this(clock, window, true);
  }

  private SignatureVerifier(Clock clock, Duration window, boolean coverageRules) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.coverageRules = coverageRules;
  }

  /**
   * A copy that does not insist on covering target, date and digest. Only for checking specification test
   * vectors (RFC 9421 B.2.1 covers nothing); never use it for an inbox.
   */
  public SignatureVerifier withoutCoverageRules() {
    return new SignatureVerifier(clock, window, false);
  }

  public Duration window() {
    return window;
  }

  /**
   * Detects the scheme and parses: RFC 9421 when {@code Signature-Input} is present, otherwise draft-cavage from
   * {@code Signature} or {@code Authorization: Signature …}.
   *
   * @throws HttpSignatureException MISSING_SIGNATURE, MALFORMED_SIGNATURE
   */
  public ParsedSignature parse(SignedRequest request) {
    return Rfc9421.parse(request)
        .or(() -> Cavage.parse(request))
        .orElseThrow(() -> new HttpSignatureException(SignatureFailure.MISSING_SIGNATURE,
            "the request is not signed (no Signature or Signature-Input header)"));
  }

  /** Parses, then checks request and signature with the given key. */
  public VerificationResult verify(SignedRequest request, PublicKey key) {
    try {
      return verify(request, parse(request), key);
    } catch (HttpSignatureException e) {
      return e.toResult();
    }
  }

  /** {@link #checkRequest} then {@link #checkSignature}. */
  public VerificationResult verify(SignedRequest request, ParsedSignature signature, PublicKey key) {
    VerificationResult r = checkRequest(request, signature);
    return r.isOk() ? checkSignature(request, signature, key) : r;
  }

  /** Coverage, time window and digest: everything but the cryptography. */
  public VerificationResult checkRequest(SignedRequest request, ParsedSignature signature) {
    try {
      if (coverageRules) {
        checkCoverage(request, signature);
      }
      checkTimes(request, signature);
      checkDigests(request, signature);
      return VerificationResult.ok();
    } catch (HttpSignatureException e) {
      return e.toResult();
    }
  }

  /** The cryptographic check alone (CPU-bound for RSA). */
  public VerificationResult checkSignature(SignedRequest request, ParsedSignature signature, PublicKey key) {
    try {
      SignatureAlgorithm algorithm;
      String base;
      if (signature.scheme() == SignatureScheme.RFC9421) {
        algorithm = SignatureAlgorithm.forRfc9421(signature.algorithm(), key);
        base = Rfc9421.signatureBase(request, signature.rfc9421Input);
      } else {
        algorithm = SignatureAlgorithm.forCavage(signature.algorithm(), key);
        base = Cavage.signingString(request, signature.covered(), signature.created(), signature.expires());
      }
      if (!algorithm.verify(key, base.getBytes(StandardCharsets.UTF_8), signature.signatureBytes())) {
        return VerificationResult.fail(SignatureFailure.BAD_SIGNATURE,
            "the " + algorithm.displayName() + " signature does not verify with key " + signature.keyId());
      }
      return VerificationResult.ok();
    } catch (HttpSignatureException e) {
      return e.toResult();
    }
  }

  private void checkCoverage(SignedRequest request, ParsedSignature s) {
    List<String> c = s.covered();
    if (s.scheme() == SignatureScheme.CAVAGE) {
      require(c.contains("(request-target)"), SignatureFailure.TARGET_NOT_COVERED,
          "the signature does not cover (request-target)");
      // Like Mastodon: host is required on body-less requests (GET); a POST is bound to its body by the digest.
      require(request.hasBody() || c.contains("host"), SignatureFailure.TARGET_NOT_COVERED,
          "the signature does not cover host");
      require(c.contains("date") || c.contains("(created)"), SignatureFailure.DATE_NOT_COVERED,
          "the signature covers neither date nor (created)");
      require(!request.hasBody() || c.contains("digest") || c.contains("content-digest"),
          SignatureFailure.DIGEST_NOT_COVERED, "the request has a body but the signature does not cover digest");
    } else {
      require(c.contains("@method"), SignatureFailure.TARGET_NOT_COVERED, "the signature does not cover @method");
      boolean target = c.contains("@target-uri")
          || (c.contains("@authority") && (c.contains("@path") || c.contains("@request-target")));
      require(target, SignatureFailure.TARGET_NOT_COVERED,
          "the signature does not cover the target (@target-uri, or @authority with @path)");
      require(s.created() != null || c.contains("date"), SignatureFailure.DATE_NOT_COVERED,
          "the signature has no created parameter and does not cover date");
      require(!request.hasBody() || c.contains("content-digest") || c.contains("digest"),
          SignatureFailure.DIGEST_NOT_COVERED, "the request has a body but the signature does not cover content-digest");
    }
  }

  private void checkTimes(SignedRequest request, ParsedSignature s) {
    Instant now = clock.instant();
    boolean createdSigned = s.scheme() == SignatureScheme.RFC9421 || s.covered().contains("(created)");
    if (s.created() != null && createdSigned) {
      checkWindow("created", epochSecond(s.created(), "created"), now);
    }
    if (s.covered().contains("date")) {
      String date = request.header("date").orElseThrow(() -> new HttpSignatureException(SignatureFailure.MISSING_HEADER,
          "the signature covers the date header, which the request does not have"));
      checkWindow("date", parseHttpDate(date), now);
    }
    if (s.expires() != null && epochSecond(s.expires(), "expires").isBefore(now)) {
      throw new HttpSignatureException(SignatureFailure.EXPIRED,
          "the signature expired " + (now.getEpochSecond() - s.expires()) + " s ago");
    }
  }

  /** A {@code created} / {@code expires} parameter as an instant; one outside the time line is malformed. */
  private static Instant epochSecond(long seconds, String name) {
    try {
      return Instant.ofEpochSecond(seconds);
    } catch (DateTimeException e) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "the " + name + " parameter is not a time");
    }
  }

  private void checkWindow(String what, Instant when, Instant now) {
    long age = Duration.between(when, now).getSeconds();
    long w = window.getSeconds();
    if (age > w) {
      throw new HttpSignatureException(SignatureFailure.DATE_TOO_OLD, what + " is " + age + " s old; the window is " + w + " s");
    }
    if (-age > w) {
      throw new HttpSignatureException(SignatureFailure.DATE_IN_FUTURE,
          what + " is " + (-age) + " s in the future; the window is " + w + " s");
    }
  }

  /** The last date parsed: senders stamp many requests with the same second, and parsing is costly. */
  private record ParsedDate(String text, Instant instant) {}

  /** Starts with a true pair: a blank header must not hit the cache (it is no date at all). */
  private static volatile ParsedDate lastDate = new ParsedDate("Thu, 01 Jan 1970 00:00:00 GMT", Instant.EPOCH);

  static Instant parseHttpDate(String value) {
    String text = value.trim();
    ParsedDate last = lastDate;
    if (last.text().equals(text)) {
      return last.instant();
    }
    try {
      Instant parsed = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      lastDate = new ParsedDate(text, parsed);
      return parsed;
    } catch (DateTimeParseException e) {
      throw new HttpSignatureException(SignatureFailure.INVALID_DATE, "the date header is not an HTTP date: " + value);
    }
  }

  private void checkDigests(SignedRequest request, ParsedSignature s) {
    check(request, "digest", s.covered().contains("digest"), Digests::verifyDigest);
    check(request, "content-digest", s.covered().contains("content-digest"), Digests::verifyContentDigest);
  }

  private interface DigestCheck {
    Digests.Check apply(String header, byte[] body);
  }

  private static void check(SignedRequest request, String header, boolean covered, DigestCheck checker) {
    Optional<String> value = request.header(header);
    if (value.isEmpty()) {
      if (covered) {
        throw new HttpSignatureException(SignatureFailure.MISSING_HEADER,
            "the signature covers the " + header + " header, which the request does not have");
      }
      return;
    }
    switch (checker.apply(value.get(), request.body())) {
      case MATCH -> { }
      case MISMATCH -> throw new HttpSignatureException(SignatureFailure.DIGEST_MISMATCH,
          "the " + header + " header does not match the body");
      case UNSUPPORTED -> {
        if (covered) {
          throw new HttpSignatureException(SignatureFailure.DIGEST_INVALID,
              "the " + header + " header uses no supported algorithm (sha-256, sha-512)");
        }
      }
      case MALFORMED -> {
        if (covered) {
          throw new HttpSignatureException(SignatureFailure.DIGEST_INVALID, "the " + header + " header is malformed");
        }
      }
    }
  }

  private static void require(boolean condition, SignatureFailure failure, String message) {
    if (!condition) {
      throw new HttpSignatureException(failure, message);
    }
  }
}
