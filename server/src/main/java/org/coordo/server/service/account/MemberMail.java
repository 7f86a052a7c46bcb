package org.coordo.server.service.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.account.NoticeThrottle;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.mail.OffMailQueue;
import org.coordo.server.mail.OutgoingMail;

/**
 * The mail the node sends its members (issue 15): invitations, password resets, address
 * confirmations and notices to editors, composed in French or English from {@code
 * mail/i18n/members_<lang>.properties} (plain text: these are personal messages with one link). The
 * {@code From} display name names the node, and the collective when there is one. Composing is pure;
 * the services hand the result to the {@link MailQueue}, in the batch of the records it belongs to.
 */
public final class MemberMail {
  public static final List<String> LANGUAGES = List.of("fr", "en");

  private final MailQueue queue;
  private final String nodeName;
  private final String publicBase;
  private final Map<String, Properties> texts;

  public MemberMail(MailQueue queue, String nodeName, URI publicUrl) {
    this.queue = queue;
    this.nodeName = nodeName == null || nodeName.isBlank() ? publicUrl.getHost() : nodeName.strip();
    this.publicBase = publicUrl.toString().replaceAll("/+$", "");
    this.texts = Map.of("fr", read("fr"), "en", read("en"));
  }

  /** The mail of a node where none is configured: nothing is offered, nothing is sent. */
  public static MemberMail disabled(URI publicUrl) {
    return new MemberMail(OffMailQueue.INSTANCE, null, publicUrl);
  }

  /** Whether mail is configured on this node. */
  public boolean enabled() {
    return queue.enabled();
  }

  MailQueue queue() {
    return queue;
  }

  /** A URL of this node. */
  URI url(String path) {
    return URI.create(publicBase + path);
  }

  /** {@code lang} if the node writes in it, else French. */
  public static String language(String lang) {
    return lang != null && LANGUAGES.contains(lang) ? lang : "fr";
  }

  OutgoingMail invitation(String to, String lang, String inviter, String collectiveName, Role role, URI link,
      Instant expires) {
    String l = language(lang);
    String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(Locale.forLanguageTag(l)).format(expires.atZone(NodeTime.DEFAULT_ZONE));
    String body = t(l, "invitation.body", inviter, collectiveName, t(l, "role." + role.id()), link, until);
    return OutgoingMail.personal(to, collectiveName + " · " + nodeName, t(l, "invitation.subject", collectiveName),
        letter(l, body), null, "invitation");
  }

  OutgoingMail passwordReset(String to, String lang, String username, URI link) {
    String l = language(lang);
    return OutgoingMail.personal(to, nodeName, t(l, "reset.subject", nodeName),
        letter(l, t(l, "reset.body", username, nodeName, link)), null, "password-reset");
  }

  OutgoingMail confirmAddress(String to, String lang, String username, URI link) {
    String l = language(lang);
    return OutgoingMail.personal(to, nodeName, t(l, "confirm.subject", nodeName),
        letter(l, t(l, "confirm.body", username, nodeName, link)), null, "confirm");
  }

  /**
   * What waits in each collective since the last notice, with a link to its moderation queue, its follow
   * requests, its invitations to co-sign, or the coordination's join requests; {@code Auto-Submitted: auto-generated} (RFC 3834).
   *
   * @param names display names of the collectives, by name
   */
  OutgoingMail notice(String to, String lang, Map<String, NoticeThrottle.Waiting> waiting, Map<String, String> names) {
    String l = language(lang);
    StringBuilder body = new StringBuilder(t(l, "notice.intro")).append("\n");
    waiting.forEach((collective, w) -> {
      String name = names.getOrDefault(collective, collective);
      if (w.replies() > 0) {
        body.append("\n").append(t(l, "notice.replies", name, w.replies(), url("/espace/" + collective + "/moderation")));
      }
      if (w.follows() > 0) {
        body.append("\n").append(t(l, "notice.follows", name, w.follows(), url("/espace/" + collective + "/followers")));
      }
      if (w.invitations() > 0) {
        body.append("\n").append(t(l, "notice.invitations", name, w.invitations(), url("/espace/" + collective + "/cosign")));
      }
      if (w.joins() > 0) {
        body.append("\n").append(t(l, "notice.joins", name, w.joins(), url("/espace/coordination/requests")));
      }
    });
    body.append("\n\n").append(t(l, "notice.footer"));
    String subject = t(l, "notice.subject", waiting.keySet().stream().map(c -> names.getOrDefault(c, c))
        .reduce((a, b) -> a + ", " + b).orElse(nodeName));
    return new OutgoingMail(to, nodeName, subject, letter(l, body.toString()), null, List.of(), null,
        "auto-generated", null, null, "notice");
  }

  private String letter(String lang, String body) {
    return t(lang, "greeting") + "\n\n" + body + "\n\n" + t(lang, "signature", nodeName) + "\n";
  }

  private String t(String lang, String key, Object... args) {
    String text = texts.get(lang).getProperty(key);
    if (text == null) {
      throw new IllegalStateException("missing mail text " + key + " (" + lang + ")");
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  private static Properties read(String lang) {
    String resource = "mail/i18n/members_" + lang + ".properties";
    try (InputStream in = MemberMail.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing mail texts " + resource);
      }
      Properties props = new Properties();
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
