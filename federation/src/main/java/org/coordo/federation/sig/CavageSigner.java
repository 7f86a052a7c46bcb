package org.coordo.federation.sig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs outgoing requests with draft-cavage-http-signatures-12, the way Mastodon does:
 * {@code algorithm="rsa-sha256"}, {@code headers="(request-target) host date digest"} on a POST (with a
 * {@code Digest: SHA-256=…} of the body) and {@code "(request-target) host date"} on a GET.
 */
public final class CavageSigner implements RequestSigner {
  static final List<String> GET_HEADERS = List.of("(request-target)", "host", "date");
  static final List<String> POST_HEADERS = List.of("(request-target)", "host", "date", "digest");

  private final String keyId;
  private final PrivateKey key;
  private final Clock clock;

  /**
   * @param keyId the actor's key id ({@code https://x/actors/a#main-key})
   * @param key the actor's RSA private key
   * @param clock the source of the {@code Date} header
   */
  public CavageSigner(String keyId, PrivateKey key, Clock clock) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!SignatureAlgorithm.isRsa(key)) {
      throw new IllegalArgumentException("draft-cavage signing needs an RSA key, got " + key.getAlgorithm());
    }
  }

  @Override
  public String keyId() {
    return keyId;
  }

  /** Returns {@code Host}, {@code Date}, {@code Digest} (POST or any body) and {@code Signature}. */
  @Override
  public Map<String, String> sign(String method, URI target, byte[] body) {
    byte[] bytes = body == null ? new byte[0] : body;
    boolean withDigest = Digests.isDigested(method, bytes);
    Map<String, String> added = new LinkedHashMap<>();
    added.put("Host", SignedRequest.authorityOf(target));
    added.put("Date", HttpDates.format(clock.instant()));
    if (withDigest) {
      added.put("Digest", Digests.digestHeader(bytes));
    }
    SignedRequest request = SignedRequest.of(method, target, added, bytes);
    added.put("Signature", signatureHeader(request, withDigest ? POST_HEADERS : GET_HEADERS, keyId, key, "rsa-sha256"));
    return added;
  }

  /**
   * The {@code Signature} header value for a request that already carries the covered headers.
   *
   * @param algorithmName the {@code algorithm} parameter to write ({@code rsa-sha256} or {@code hs2019}); the
   *     signature itself is always RSASSA-PKCS1-v1_5 SHA-256
   */
  public static String signatureHeader(SignedRequest request, List<String> headers, String keyId, PrivateKey key,
      String algorithmName) {
    String signingString = Cavage.signingString(request, headers, null, null);
    byte[] sig = SignatureAlgorithm.RSA_V1_5_SHA256.sign(key, signingString.getBytes(StandardCharsets.UTF_8));
    return "keyId=\"" + keyId + "\",algorithm=\"" + algorithmName + "\",headers=\"" + String.join(" ", headers)
        + "\",signature=\"" + Base64.getEncoder().encodeToString(sig) + "\"";
  }
}
