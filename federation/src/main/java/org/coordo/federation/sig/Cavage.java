package org.coordo.federation.sig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** draft-cavage-http-signatures-12: header parsing and the signing string, shared by signer and verifier. */
final class Cavage {
  /** Without a {@code headers} parameter only {@code date} is signed (what the draft's C.1 test does). */
  static final List<String> DEFAULT_HEADERS = List.of("date");

  private Cavage() {}

  /** Finds and parses {@code Signature} or {@code Authorization: Signature …}; empty when neither is there. */
  static Optional<ParsedSignature> parse(SignedRequest request) {
    String value = request.header("signature").orElse(null);
    if (value == null) {
      Optional<String> auth = request.header("authorization");
      if (auth.isPresent() && auth.get().regionMatches(true, 0, "Signature ", 0, 10)) {
        value = auth.get().substring(10);
      }
    }
    if (value == null) {
      return Optional.empty();
    }
    Map<String, String> params = parseParams(value);
    String keyId = params.get("keyid");
    String signature = params.get("signature");
    if (keyId == null || keyId.isBlank() || signature == null || signature.isBlank()) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE,
          "the Signature header needs keyId and signature parameters");
    }
    byte[] sigBytes;
    try {
      sigBytes = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "the signature parameter is not base64");
    }
    List<String> headers = params.containsKey("headers")
        ? Arrays.stream(params.get("headers").trim().toLowerCase(Locale.ROOT).split("\\s+")).filter(s -> !s.isEmpty()).toList()
        : DEFAULT_HEADERS;
    if (headers.isEmpty()) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "the headers parameter is empty");
    }
    return Optional.of(new ParsedSignature(SignatureScheme.CAVAGE, null, keyId, params.get("algorithm"), headers,
        longParam(params, "created"), longParam(params, "expires"), sigBytes, null));
  }

  private static Long longParam(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "the " + name + " parameter is not a number");
    }
  }

  /** {@code keyId="a",algorithm="rsa-sha256",created=123,…}: names lower-cased, quotes removed. */
  static Map<String, String> parseParams(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && (value.charAt(i) == ',' || Character.isWhitespace(value.charAt(i)))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "malformed Signature header near position " + i);
      }
      String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && value.charAt(i) <= ' ') {
        i++; // RFC 7235 auth-param: optional whitespace around '=' (and what trim() drops, as for names)
      }
      String v;
      if (i < n && value.charAt(i) == '"') {
        int end = value.indexOf('"', i + 1);
        if (end < 0) {
          throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE, "unterminated quote in Signature header");
        }
        v = value.substring(i + 1, end);
        i = end + 1;
      } else {
        int end = value.indexOf(',', i);
        end = end < 0 ? n : end;
        v = value.substring(i, end).trim();
        i = end;
      }
      out.putIfAbsent(name, v);
    }
    return out;
  }

  /** The string the signature is computed over; a covered header absent from the request is an error. */
  static String signingString(SignedRequest request, List<String> headers, Long created, Long expires) {
    List<String> lines = new ArrayList<>(headers.size());
    for (String h : headers) {
      String value = switch (h) {
        case "(request-target)" -> request.method().toLowerCase(Locale.ROOT) + " " + request.pathAndQuery();
        case "(created)" -> requireParam(created, "(created)");
        case "(expires)" -> requireParam(expires, "(expires)");
        default -> request.header(h).orElseThrow(() -> new HttpSignatureException(SignatureFailure.MISSING_HEADER,
            "the signature covers the " + h + " header, which the request does not have"));
      };
      lines.add(h + ": " + value);
    }
    return String.join("\n", lines);
  }

  private static String requireParam(Long value, String name) {
    if (value == null) {
      throw new HttpSignatureException(SignatureFailure.MALFORMED_SIGNATURE,
          "the signature covers " + name + " but has no such parameter");
    }
    return value.toString();
  }
}
