package org.coordo.server.domain.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for scripts ({@code Authorization: Bearer …}). The token itself is shown once; the
 * node stores only its SHA-256, and this record.
 *
 * @param id short public id, used to list and revoke it
 * @param label free text saying what the token is for
 */
public record ApiToken(String id, String userId, String label, Instant created) {

  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(created, "created");
    label = label == null ? "" : label;
  }
}
