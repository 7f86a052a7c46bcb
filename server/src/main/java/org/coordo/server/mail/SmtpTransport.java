package org.coordo.server.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.CanonicalizationAlgorithm;
import io.vertx.ext.mail.DKIMSignOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Clock;
import java.util.List;
import org.coordo.server.config.NodeConfig;

/**
 * Hands messages to the configured SMTP relay through the Vert.x Mail Client (pooled connections, STARTTLS
 * or TLS, AUTH, DKIM signing when a key is configured). A 5xx answer is a permanent {@link MailFailure},
 * anything else that fails (4xx, connection refused or lost, time-out, TLS) a temporary one.
 */
public final class SmtpTransport implements MailTransport {
  /**
   * What DKIM signs: who, to whom, what, when, the body's structure, and the RFC 8058 pair (receivers honour
   * one-click unsubscribe only when it is signed). A listed header a message lacks is signed as absent.
   */
  static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
      "Content-Type", "In-Reply-To", "References", "List-Unsubscribe", "List-Unsubscribe-Post");

  private final MailClient client;
  private final String from;
  private final Clock clock;

  /** @param heloName the name the node gives in EHLO (the host of its public URL) */
  public SmtpTransport(Vertx vertx, NodeConfig.Mail config, String heloName, Clock clock) {
    MailConfig mc = new MailConfig()
        .setHostname(config.host())
        .setPort(config.port())
        .setOwnHostname(heloName)
        .setKeepAlive(true)
        .setMaxPoolSize(8)
        .setConnectTimeout(30_000)
        .setStarttls(config.security() == NodeConfig.Mail.Security.STARTTLS ? StartTLSOptions.REQUIRED
            : StartTLSOptions.DISABLED)
        .setSsl(config.security() == NodeConfig.Mail.Security.TLS);
    if (config.user().isEmpty()) {
      mc.setLogin(LoginOption.DISABLED);
    } else {
      mc.setLogin(LoginOption.REQUIRED).setUsername(config.user()).setPassword(config.password());
    }
    if (config.dkim() != null) {
      mc.setEnableDKIM(true).addDKIMSignOption(new DKIMSignOptions()
          .setSdid(config.dkim().domain())
          .setSelector(config.dkim().selector())
          .setPrivateKey(DkimKey.read(config.dkim().keyFile()))
          // relaxed/relaxed survives relays that re-fold headers or trim spaces (RFC 6376 3.4)
          .setHeaderCanonAlgo(CanonicalizationAlgorithm.RELAXED)
          .setBodyCanonAlgo(CanonicalizationAlgorithm.RELAXED)
          .setSignedHeaders(SIGNED_HEADERS));
    }
    this.client = MailClient.create(vertx, mc);
    this.from = config.from();
    this.clock = clock;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    return client.sendMail(MailMessages.build(mail, from, clock.instant())).<Void>mapEmpty().recover(e -> {
      if (e instanceof SMTPException smtp && smtp.isPermanent()) {
        return Future.failedFuture(MailFailure.permanent(smtp.getMessage(), e));
      }
      return Future.failedFuture(MailFailure.temporary(String.valueOf(e.getMessage()), e));
    });
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
