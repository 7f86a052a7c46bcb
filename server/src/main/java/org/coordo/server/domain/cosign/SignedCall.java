package org.coordo.server.domain.cosign;

import java.time.Instant;
import java.util.Objects;

/**
 * A call of another collective that a local collective co-signs (for its page and outbox).
 *
 * @param call the call's URI
 * @param title its {@code name}
 * @param url its page
 * @param author the author collective's actor id
 * @param authorName its display name
 * @param authorHandle its {@code name@host}
 * @param signedAt when the local collective accepted
 */
public record SignedCall(
    String call, String title, String url, String author, String authorName, String authorHandle, Instant signedAt) {
  public SignedCall {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(author, "author");
  }
}
