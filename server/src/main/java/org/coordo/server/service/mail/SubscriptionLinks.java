package org.coordo.server.service.mail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links a subscriber gets. The confirmation link carries a random single-use token (only its
 * SHA-256 is stored). The manage and unsubscribe links carry a key derived from the subscription's
 * id with an HMAC-SHA256 of the node's link secret (kept in the store, made on first use): nothing
 * per link is stored, every message can carry them, and they die with the subscription (an
 * unsubscribed address that subscribes again gets a new id, hence new links).
 *
 * <pre>
 * {base}/subscriptions/confirm/{token}            GET: a page with a button; POST: confirms
 * {base}/subscriptions/manage/{id}/{key}          GET: the choices; POST: changes them
 * {base}/subscriptions/unsubscribe/{id}/{key}     GET: a page with a button; POST: unsubscribes (RFC 8058)
 * </pre>
 */
public final class SubscriptionLinks {
  public static final String CONFIRM = "/subscriptions/confirm/";
  public static final String MANAGE = "/subscriptions/manage/";
  public static final String UNSUBSCRIBE = "/subscriptions/unsubscribe/";

  private final String base;
  private final SecretKeySpec key;

  public SubscriptionLinks(URI publicUrl, byte[] secret) {
    this.base = publicUrl.toString().replaceAll("/+$", "");
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  public String confirmUrl(String token) {
    return base + CONFIRM + token;
  }

  public String manageUrl(String id) {
    return base + MANAGE + id + "/" + key(id);
  }

  public String unsubscribeUrl(String id) {
    return base + UNSUBSCRIBE + id + "/" + key(id);
  }

  /** Whether {@code presented} is the key of subscription {@code id} (constant-time). */
  public boolean matches(String id, String presented) {
    if (id == null || presented == null || id.length() > 64) {
      return false;
    }
    return MessageDigest.isEqual(key(id).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  private String key(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] sum = mac.doFinal(("subscription-link\n" + id).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
