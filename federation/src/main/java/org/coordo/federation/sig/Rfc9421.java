package org.coordo.federation.sig;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** RFC 9421 HTTP Message Signatures: parsing, component derivation and the signature base. */
final class Rfc9421 {
  private Rfc9421() {}

  /**
   * Parses {@code Signature-Input} and {@code Signature}; empty when there is no {@code Signature-Input}. With
   * several signatures the first whose label has a signature value is taken.
   */
  static Optional<ParsedSignature> parse(SignedRequest request) {
    Optional<String> input = request.header("signature-input");
    if (input.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> inputs;
    Map<String, Object> signatures;
    try {
      inputs = StructuredFields.parseDictionary(input.get());
    } catch (StructuredFields.ParseException e) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "malformed Signature-Input: " + e.getMessage());
    }
    try {
      signatures = StructuredFields.parseDictionary(request.header("signature").orElse(""));
    } catch (StructuredFields.ParseException e) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "malformed Signature: " + e.getMessage());
    }
    for (Map.Entry<String, Object> entry : inputs.entrySet()) {
      if (!(entry.getValue() instanceof StructuredFields.InnerList list)
          || !(signatures.get(entry.getKey()) instanceof StructuredFields.Item sigItem)
          || !(sigItem.value() instanceof byte[] sigBytes)) {
        continue;
      }
      List<String> covered = new ArrayList<>();
      for (StructuredFields.Item item : list.items()) {
        if (!(item.value() instanceof String name)) {
          throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE,
              "Signature-Input " + entry.getKey() + ": component identifiers must be strings");
        }
        covered.add(name);
      }
      Map<String, Object> p = list.params();
      Object keyId = p.get("keyid");
      if (!(keyId instanceof String k) || k.isBlank()) {
        throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE,
            "Signature-Input " + entry.getKey() + " has no keyid parameter");
      }
      Object alg = p.get("alg");
      return Optional.of(new ParsedSignature(SignatureScheme.RFC9421, entry.getKey(), k,
          alg instanceof String a ? a : null, covered, longParam(p, "created"), longParam(p, "expires"), sigBytes, list));
    }
    throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE,
        "Signature-Input has no label with a matching Signature value");
  }

  private static Long longParam(Map<String, Object> params, String name) {
    Object v = params.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "the " + name + " parameter is not an integer");
  }

  /** The signature base (section 2.5): one line per component, then {@code "@signature-params": …}. */
  static String signatureBase(SignedRequest request, StructuredFields.InnerList input) {
    StringBuilder sb = new StringBuilder();
    for (StructuredFields.Item item : input.items()) {
      sb.append(StructuredFields.serialize(item)).append(": ").append(componentValue(request, item)).append('\n');
    }
    sb.append("\"@signature-params\": ").append(StructuredFields.serialize(input));
    return sb.toString();
  }

  private static String componentValue(SignedRequest request, StructuredFields.Item item) {
    String name = (String) item.value();
    Map<String, Object> params = item.params();
    if (name.startsWith("@")) {
      if (!params.isEmpty() && !(name.equals("@query-param") && params.size() == 1 && params.get("name") instanceof String)) {
        throw unsupported(name + " with parameters " + params.keySet());
      }
      return derived(request, name, params);
    }
    if (!params.isEmpty()) {
      throw unsupported("\"" + name + "\" with parameters " + params.keySet());
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "component names must be lower case: " + name);
    }
    return request.header(name).orElseThrow(() -> new HttpSignatureException(SignatureFailure.MISSING_HEADER,
        "the signature covers the " + name + " header, which the request does not have"));
  }

  private static String derived(SignedRequest request, String name, Map<String, Object> params) {
    var uri = request.target();
    return switch (name) {
      case "@method" -> request.method();
      case "@target-uri" -> uri.getScheme().toLowerCase(Locale.ROOT) + "://" + request.authority() + request.pathAndQuery();
      case "@authority" -> request.authority();
      case "@scheme" -> uri.getScheme().toLowerCase(Locale.ROOT);
      case "@request-target" -> request.pathAndQuery();
      case "@path" -> uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      case "@query" -> "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
      case "@query-param" -> queryParam(request, (String) params.get("name"));
      default -> throw unsupported(name);
    };
  }

  private static String queryParam(SignedRequest request, String wanted) {
    String query = request.target().getRawQuery();
    String found = null;
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        if (k.equals(wanted)) {
          if (found != null) {
            throw unsupported("@query-param " + wanted + " that occurs more than once");
          }
          found = decode(eq < 0 ? "" : pair.substring(eq + 1));
        }
      }
    }
    if (found == null) {
      throw new HttpSignatureException(SignatureFailure.MISSING_HEADER,
          "the signature covers query parameter " + wanted + ", which the request does not have");
    }
    return URLEncoder.encode(found, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static HttpSignatureException unsupported(String what) {
    return new HttpSignatureException(SignatureFailure.UNSUPPORTED_COMPONENT, "signature component " + what + " is not supported");
  }
}
