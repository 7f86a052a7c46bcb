package org.coordo.server.service.account;

import java.time.Instant;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.domain.account.MailToken;
import org.coordo.server.error.NodeError;

/** The one check of a mailed link (reset or confirmation): it exists for that purpose, is unused and unexpired. */
final class MailLinks {
  private MailLinks() {}

  /** The link, or 404 (unknown, or another purpose) / 410 (used, expired). Store code. */
  static MailToken require(AccountData data, String token, MailToken.Purpose purpose, Instant now) {
    MailToken link = AddressService.find(data, token).filter(t -> t.purpose() == purpose)
        .orElseThrow(() -> NodeError.missing("no such link"));
    if (link.isUsed()) {
      throw NodeError.gone("This link has already been used.");
    }
    if (link.isExpiredAt(now)) {
      throw NodeError.gone("This link has expired.");
    }
    return link;
  }
}
