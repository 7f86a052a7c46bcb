package org.coordo.federation.sig;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers an RFC 9421 §5 challenge: a server that could not verify a request may answer with
 * {@code Accept-Signature: sig1=("@method" "@target-uri" "content-digest");keyid="…";alg="rsa-v1_5-sha256";created},
 * naming the components to cover and the signature parameters it wants. The first member this node can satisfy is
 * signed: plain component names only (derived ones, or header fields the request carries or that we add —
 * {@code content-digest}, {@code date}, {@code host}), {@code alg} absent or {@code rsa-v1_5-sha256}, {@code keyid}
 * absent or ours; {@code created}, {@code expires}, {@code nonce} and {@code tag} as asked. {@code created} and
 * {@code keyid} are always given (verifiers need them). Anything else makes a member unsatisfiable.
 */
public final class AcceptSignature {
  private static final Set<String> DERIVED =
      Set.of("@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query");
  private static final Set<String> PARAMS = Set.of("created", "expires", "nonce", "tag", "keyid", "alg");
  private static final long EXPIRES_AFTER_SECONDS = 300;

  private final String label;
  private final StructuredFields.InnerList wanted;

  private AcceptSignature(String label, StructuredFields.InnerList wanted) {
    this.label = label;
    this.wanted = wanted;
  }

  /**
   * The first member of an {@code Accept-Signature} value this node can answer with {@code keyId}; empty when the
   * value is absent, malformed or asks for something we cannot give.
   *
   * @param present lower-case names of the header fields the request will carry anyway
   */
  public static Optional<AcceptSignature> satisfiable(String header, String keyId, Set<String> present) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Map<String, Object> members;
    try {
      members = StructuredFields.parseDictionary(header);
    } catch (StructuredFields.ParseException e) {
      return Optional.empty();
    }
    for (Map.Entry<String, Object> m : members.entrySet()) {
      if (m.getValue() instanceof StructuredFields.InnerList list && canAnswer(list, keyId, present)) {
        return Optional.of(new AcceptSignature(m.getKey(), list));
      }
    }
    return Optional.empty();
  }

  private static boolean canAnswer(StructuredFields.InnerList list, String keyId, Set<String> present) {
    for (StructuredFields.Item item : list.items()) {
      if (!(item.value() instanceof String name) || !item.params().isEmpty()) {
        return false;
      }
      boolean ok = DERIVED.contains(name) || present.contains(name)
          || name.equals("content-digest") || name.equals("date") || name.equals("host");
      if (!ok) {
        return false;
      }
    }
    for (Map.Entry<String, Object> p : list.params().entrySet()) {
      String name = p.getKey();
      Object v = p.getValue();
      if (!PARAMS.contains(name)) {
        return false;
      }
      if (name.equals("alg") && !SignatureAlgorithm.RSA_V1_5_SHA256.rfc9421Name().equals(v)) {
        return false;
      }
      if (name.equals("keyid") && !keyId.equals(v)) {
        return false;
      }
      if ((name.equals("nonce") || name.equals("tag")) && !(v instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The fields to add to a request: {@code Content-Digest} and {@code Date} when covered, then {@code Signature-Input}
   * and {@code Signature} under the challenge's label.
   *
   * @param sent the header fields the request carries besides these (Content-Type, Accept, User-Agent…)
   */
  public Map<String, String> sign(String method, URI target, byte[] body, Map<String, String> sent, SigningKey key,
      Clock clock) {
    byte[] bytes = body == null ? new byte[0] : body;
    Map<String, String> added = new LinkedHashMap<>();
    List<String> components = new ArrayList<>();
    for (StructuredFields.Item item : wanted.items()) {
      String name = (String) item.value();
      components.add(name);
      if (name.equals("content-digest")) {
        added.put("Content-Digest", Digests.contentDigestHeader(bytes));
      } else if (name.equals("date")) {
        added.put("Date", HttpDates.format(clock.instant()));
      }
    }
    long created = clock.instant().getEpochSecond();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("created", created);
    Map<String, Object> asked = wanted.params();
    if (asked.containsKey("expires")) {
      params.put("expires", created + EXPIRES_AFTER_SECONDS);
    }
    params.put("keyid", key.keyId());
    if (asked.containsKey("alg")) {
      params.put("alg", SignatureAlgorithm.RSA_V1_5_SHA256.rfc9421Name());
    }
    if (asked.get("nonce") instanceof String nonce) {
      params.put("nonce", nonce);
    }
    if (asked.get("tag") instanceof String tag) {
      params.put("tag", tag);
    }
    Map<String, String> all = new LinkedHashMap<>(sent);
    all.put("Host", SignedRequest.authorityOf(target));
    all.putAll(added);
    SignedRequest request = SignedRequest.of(method.toUpperCase(Locale.ROOT), target, all, bytes);
    added.putAll(Rfc9421Signer.signatureFields(request, label, components, params, key.key(),
        SignatureAlgorithm.RSA_V1_5_SHA256));
    return added;
  }

  /** The member answered, serialized (what a host profile remembers). */
  public String serialized() {
    return label + "=" + StructuredFields.serialize(wanted);
  }

  @Override
  public String toString() {
    return serialized();
  }
}
