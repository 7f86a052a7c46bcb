package org.coordo.server.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.coordo.server.app.TestNodes;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server for tests (SubEthaSMTP on 127.0.0.1, port 0) whose answers a test scripts and which
 * keeps what it received, parsed by Angus Mail (an independent MIME reader) into {@link Received}.
 *
 * <pre>{@code
 * try (SmtpSink sink = SmtpSink.start()) {
 *   Node node = TestNodes.start(TestNodes.config(dir, sink.nodeEnv()));   // mail on, pointed at the sink
 *   await(node.services().mail().send(OutgoingMail.personal("ada@example.org", …)));
 *   SmtpSink.Received mail = sink.awaitOne("ada@example.org");
 *   assertEquals("<…>", mail.header("List-Unsubscribe"));
 * }
 * }</pre>
 *
 * Scripts apply at {@code RCPT TO}: {@link #failTemporarily} answers 451 to the next attempts for an
 * address, {@link #failPermanently} answers 550 to every attempt; everything else is accepted.
 */
public final class SmtpSink implements AutoCloseable {
  /** The sender address {@link #nodeEnv()} configures. */
  public static final String FROM = "coordo@coordo.example";

  private final SMTPServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> temporary = new ConcurrentHashMap<>();
  private final Map<String, Boolean> permanent = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  private SmtpSink(int port) {
    try {
      server = SMTPServer.port(port).bindAddress(InetAddress.getByName("127.0.0.1")).hostName("sink.test")
          .messageHandlerFactory(this::handler).build();
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
    server.start();
  }

  /** A sink listening on 127.0.0.1, accepting everything until scripted otherwise. */
  public static SmtpSink start() {
    return new SmtpSink(0);
  }

  /** A sink on a given port (a relay that comes back where it was). */
  public static SmtpSink startOn(int port) {
    return new SmtpSink(port);
  }

  public int port() {
    return server.getPortAllocated();
  }

  /**
   * The {@code COORDO_MAIL_*} variables of a node that sends to this sink (plain SMTP on loopback, sender
   * {@link #FROM}), for {@code TestNodes.config(dir, sink.nodeEnv())}; merge them with other variables.
   */
  public Map<String, String> nodeEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("COORDO_MAIL_TRANSPORT", "smtp");
    env.put("COORDO_MAIL_HOST", "127.0.0.1");
    env.put("COORDO_MAIL_PORT", String.valueOf(port()));
    env.put("COORDO_MAIL_SECURITY", "none");
    env.put("COORDO_MAIL_FROM", FROM);
    env.put("COORDO_MAIL_RATE", "1000");
    return env;
  }

  /** The next {@code times} attempts to send to {@code address} get {@code 451 4.3.0} (then it is accepted). */
  public void failTemporarily(String address, int times) {
    temporary.put(key(address), new AtomicInteger(times));
  }

  /** Every attempt to send to {@code address} gets {@code 550 5.1.1} until {@link #accept}. */
  public void failPermanently(String address) {
    permanent.put(key(address), true);
  }

  /** Accept mail for {@code address} again. */
  public void accept(String address) {
    permanent.remove(key(address));
    temporary.remove(key(address));
  }

  /** Every {@code RCPT TO} seen for {@code address}, accepted or not. */
  public int attempts(String address) {
    AtomicInteger n = attempts.get(key(address));
    return n == null ? 0 : n.get();
  }

  /** Every message received so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The messages received for {@code address}. */
  public List<Received> receivedFor(String address) {
    return received.stream().filter(r -> r.recipients().contains(key(address))).toList();
  }

  /** Waits (10 s at most) until exactly one message arrived for {@code address}, and returns it. */
  public Received awaitOne(String address) {
    TestNodes.waitUntil(Duration.ofSeconds(10), "a message for " + address, () -> !receivedFor(address).isEmpty());
    List<Received> all = receivedFor(address);
    if (all.size() != 1) {
      throw new AssertionError(all.size() + " messages for " + address + ", expected one");
    }
    return all.get(0);
  }

  /** Waits until at least {@code count} messages arrived in all, for {@code timeout} at most. */
  public List<Received> awaitCount(int count, Duration timeout) {
    TestNodes.waitUntil(timeout, count + " messages", () -> received.size() >= count);
    return received();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  private MessageHandler handler(MessageContext context) {
    return new MessageHandler() {
      private String from;
      private final List<String> recipients = new ArrayList<>();

      @Override
      public void from(String address) {
        from = address;
      }

      @Override
      public void recipient(String address) throws RejectException {
        String k = key(address);
        attempts.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
        if (permanent.containsKey(k)) {
          throw new RejectException(550, "5.1.1 <" + address + ">: mailbox unavailable");
        }
        AtomicInteger left = temporary.get(k);
        if (left != null && left.getAndDecrement() > 0) {
          throw new RejectException(451, "4.3.0 <" + address + ">: try again later");
        }
        recipients.add(k);
      }

      @Override
      public String data(InputStream data) throws IOException {
        byte[] raw = data.readAllBytes();
        received.add(Received.parse(from, recipients, raw));
        return null;
      }

      @Override
      public void done() {}
    };
  }

  /** An attachment: its file name, its base content type ({@code text/calendar}), its bytes. */
  public record Attachment(String name, String contentType, byte[] content) {}

  /**
   * A message as the sink received it.
   *
   * @param envelopeFrom {@code MAIL FROM}
   * @param recipients {@code RCPT TO} addresses accepted (lower case)
   * @param headers every header, decoded (RFC 2047) and unfolded, by lower-case name
   * @param fromName the display name of {@code From} (decoded), or null
   * @param fromAddress the address of {@code From}
   * @param text the {@code text/plain} part, or null
   * @param html the {@code text/html} part, or null
   * @param raw the message as received (headers and MIME body)
   */
  public record Received(String envelopeFrom, List<String> recipients, Map<String, List<String>> headers,
      String fromName, String fromAddress, String subject, String text, String html, List<Attachment> attachments, String raw) {

    /** The first value of a header (decoded), or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Received parse(String envelopeFrom, List<String> recipients, byte[] raw) {
      try {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        Map<String, List<String>> headers = new HashMap<>();
        for (Enumeration<Header> e = mime.getAllHeaders(); e.hasMoreElements(); ) {
          Header h = e.nextElement();
          headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(decode(h.getValue()));
        }
        Parts parts = new Parts();
        parts.walk(mime);
        InternetAddress from = (InternetAddress) mime.getFrom()[0];
        return new Received(envelopeFrom, List.copyOf(recipients), headers, from.getPersonal(), from.getAddress(),
            mime.getSubject(), parts.text, parts.html,
            List.copyOf(parts.attachments), new String(raw, StandardCharsets.UTF_8));
      } catch (MessagingException | IOException e) {
        throw new AssertionError("the sink received a message Angus Mail cannot parse", e);
      }
    }

    private static String decode(String value) throws UnsupportedEncodingException {
      return MimeUtility.decodeText(MimeUtility.unfold(value));
    }
  }

  private static final class Parts {
    String text;
    String html;
    final List<Attachment> attachments = new ArrayList<>();

    void walk(Part part) throws MessagingException, IOException {
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          walk(child);
        }
        return;
      }
      boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
      if (!attachment && part.isMimeType("text/plain") && text == null) {
        text = (String) part.getContent();
      } else if (!attachment && part.isMimeType("text/html") && html == null) {
        html = (String) part.getContent();
      } else {
        try (InputStream in = part.getInputStream()) {
          attachments.add(new Attachment(part.getFileName(),
              new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT), in.readAllBytes()));
        }
      }
    }
  }
}
