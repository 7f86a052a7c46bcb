package org.coordo.federation.sig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs outgoing requests with RFC 9421 the way Mastodon verifies them: label {@code sig1}, algorithm
 * rsa-v1_5-sha256 (no {@code alg} parameter: the RSA key implies it), components {@code "@method" "@target-uri"}
 * plus {@code "content-digest"} (sha-256, RFC 9530) on a POST, parameters {@code created} and {@code keyid}.
 */
public final class Rfc9421Signer implements RequestSigner {
  public static final String LABEL = "sig1";

  private final String keyId;
  private final PrivateKey key;
  private final Clock clock;

  public Rfc9421Signer(String keyId, PrivateKey key, Clock clock) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!SignatureAlgorithm.isRsa(key)) {
      throw new IllegalArgumentException("rsa-v1_5-sha256 signing needs an RSA key, got " + key.getAlgorithm());
    }
  }

  @Override
  public String keyId() {
    return keyId;
  }

  /** Returns {@code Content-Digest} (POST or any body), {@code Signature-Input} and {@code Signature}. */
  @Override
  public Map<String, String> sign(String method, URI target, byte[] body) {
    byte[] bytes = body == null ? new byte[0] : body;
    boolean withDigest = Digests.isDigested(method, bytes);
    Map<String, String> added = new LinkedHashMap<>();
    List<String> components = new ArrayList<>(List.of("@method", "@target-uri"));
    if (withDigest) {
      added.put("Content-Digest", Digests.contentDigestHeader(bytes));
      components.add("content-digest");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", clock.instant().getEpochSecond());
    params.put("keyid", keyId);
    SignedRequest request = SignedRequest.of(method, target, added, bytes);
    added.putAll(signatureFields(request, LABEL, components, params, key, SignatureAlgorithm.RSA_V1_5_SHA256));
    return added;
  }

  /**
   * {@code Signature-Input} and {@code Signature} for any component list (plain names, no component parameters)
   * and signature parameters in the given order (values: String or Long, e.g. created, expires, keyid, alg,
   * nonce, tag).
   */
  public static Map<String, String> signatureFields(SignedRequest request, String label, List<String> components,
      Map<String, Object> params, PrivateKey key, SignatureAlgorithm algorithm) {
    List<StructuredFields.Item> items = new ArrayList<>();
    for (String c : components) {
      items.add(new StructuredFields.Item(c, Map.of()));
    }
    Map<String, Object> p = new LinkedHashMap<>();
    params.forEach((k, v) -> p.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
    StructuredFields.InnerList input = new StructuredFields.InnerList(items, p);
    String base = Rfc9421.signatureBase(request, input);
    byte[] sig = algorithm.sign(key, base.getBytes(StandardCharsets.UTF_8));
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Signature-Input", label + "=" + StructuredFields.serialize(input));
    out.put("Signature", label + "=:" + java.util.Base64.getEncoder().encodeToString(sig) + ":");
    return out;
  }

  /** The signature base a request and a {@code Signature-Input} member produce (for tests and diagnostics). */
  public static String signatureBase(SignedRequest request, ParsedSignature signature) {
    if (signature.scheme() != SignatureScheme.RFC9421) {
      throw new IllegalArgumentException("not an RFC 9421 signature");
    }
    return Rfc9421.signatureBase(request, signature.rfc9421Input);
  }
}
