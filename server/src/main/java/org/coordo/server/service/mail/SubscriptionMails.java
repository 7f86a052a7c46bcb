package org.coordo.server.service.mail;

import java.time.Duration;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.mail.OutgoingMail;

/**
 * The two messages a subscription form can send, in the subscriber's language (French first): the
 * confirmation of a new or pending subscription, and, for an address already confirmed, its manage
 * link (so the form never tells whether an address is subscribed: the page is the same, and only
 * the mailbox's owner reads the answer). Neither carries list headers: they are personal replies to
 * a request, {@code Auto-Submitted: auto-replied} (RFC 3834).
 */
final class SubscriptionMails {
  static final String KIND_CONFIRM = "confirm";
  static final String KIND_MANAGE = "subscription-manage";

  private final String nodeName;

  SubscriptionMails(String nodeName) {
    this.nodeName = nodeName;
  }

  OutgoingMail confirm(Subscription s, String scopeName, String confirmUrl, Duration valid) {
    long hours = valid.toHours();
    boolean fr = !"en".equals(s.locale());
    String subject = fr ? "Confirmez votre abonnement : " + scopeName : "Confirm your subscription: " + scopeName;
    String text = fr
        ? "Bonjour,\n\nQuelqu’un (sans doute vous) a demandé à recevoir par courriel les publications de « "
            + scopeName + " ».\n\nPour confirmer, ouvrez ce lien puis appuyez sur le bouton « Confirmer » :\n"
            + confirmUrl + "\n\nCe lien est valable " + hours + " heures et ne sert qu’une fois.\n"
            + "Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien d’autre.\n\n— " + nodeName + "\n"
        : "Hello,\n\nSomeone (probably you) asked to receive the publications of \"" + scopeName
            + "\" by email.\n\nTo confirm, open this link and press the \"Confirm\" button:\n" + confirmUrl
            + "\n\nThis link is valid for " + hours + " hours and works once.\n"
            + "If you did not ask for this, ignore this message: you will receive nothing else.\n\n— " + nodeName + "\n";
    String html = fr
        ? "<p>Bonjour,</p><p>Quelqu’un (sans doute vous) a demandé à recevoir par courriel les publications de « "
            + esc(scopeName) + " ».</p><p><a href=\"" + esc(confirmUrl) + "\">Confirmer mon abonnement</a></p>"
            + "<p>Ce lien est valable " + hours + " heures et ne sert qu’une fois. Si vous n’avez rien demandé, "
            + "ignorez ce message : vous ne recevrez rien d’autre.</p><p>— " + esc(nodeName) + "</p>"
        : "<p>Hello,</p><p>Someone (probably you) asked to receive the publications of “" + esc(scopeName)
            + "” by email.</p><p><a href=\"" + esc(confirmUrl) + "\">Confirm my subscription</a></p>"
            + "<p>This link is valid for " + hours + " hours and works once. If you did not ask for this, "
            + "ignore this message: you will receive nothing else.</p><p>— " + esc(nodeName) + "</p>";
    return mail(s, scopeName, subject, text, html, KIND_CONFIRM);
  }

  OutgoingMail alreadySubscribed(Subscription s, String scopeName, String manageUrl) {
    boolean fr = !"en".equals(s.locale());
    String subject = fr ? "Votre abonnement : " + scopeName : "Your subscription: " + scopeName;
    String text = fr
        ? "Bonjour,\n\nCette adresse est déjà abonnée aux publications de « " + scopeName + " ».\n"
            + "Pour changer vos choix ou vous désabonner, ouvrez ce lien :\n" + manageUrl
            + "\n\nSi vous n’avez rien demandé, ignorez ce message : rien ne change.\n\n— " + nodeName + "\n"
        : "Hello,\n\nThis address is already subscribed to the publications of \"" + scopeName + "\".\n"
            + "To change your choices or unsubscribe, open this link:\n" + manageUrl
            + "\n\nIf you did not ask for this, ignore this message: nothing changes.\n\n— " + nodeName + "\n";
    String html = fr
        ? "<p>Bonjour,</p><p>Cette adresse est déjà abonnée aux publications de « " + esc(scopeName) + " ».</p><p><a href=\""
            + esc(manageUrl) + "\">Changer mes choix ou me désabonner</a></p><p>Si vous n’avez rien demandé, ignorez "
            + "ce message : rien ne change.</p><p>— " + esc(nodeName) + "</p>"
        : "<p>Hello,</p><p>This address is already subscribed to the publications of “" + esc(scopeName)
            + "”.</p><p><a href=\"" + esc(manageUrl) + "\">Change my choices or unsubscribe</a></p><p>If you did not "
            + "ask for this, ignore this message: nothing changes.</p><p>— " + esc(nodeName) + "</p>";
    return mail(s, scopeName, subject, text, html, KIND_MANAGE);
  }

  private OutgoingMail mail(Subscription s, String scopeName, String subject, String text, String html, String kind) {
    String from = scopeName.equals(nodeName) ? nodeName : scopeName + " · " + nodeName;
    return new OutgoingMail(s.email(), from, oneLine(subject), text, html, java.util.List.of(), null, "auto-replied",
        null, null, kind);
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
