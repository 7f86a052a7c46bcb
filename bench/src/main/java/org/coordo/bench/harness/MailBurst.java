package org.coordo.bench.harness;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.mail.DurableMailQueue;
import org.coordo.server.mail.OutgoingMail;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Mail burst (issue 15): a node in this JVM with production mail settings ({@link NodeOptions#standard()})
 * sending to a SubEthaSMTP server on loopback; {@code --mails} messages (one publication to as many
 * subscribers: plain text, HTML, one-click unsubscribe) are accepted in one write, then handed over at
 * {@code --mail-rate} per second. Measured: the time to accept them, the rate the sink saw them arrive at,
 * and this JVM's heap after a full GC before, in the middle and after (the sink keeps only the recipients).
 */
final class MailBurst {
  static final String NAME = "mail burst";

  record Settings(int mails, int rate) {
    static Settings from(Map<String, String> opts) {
      return new Settings(Harness.intOpt(opts, "mails", 10_000), Harness.intOpt(opts, "mail-rate", 200));
    }
  }

  private final Settings settings;
  private final Set<String> recipients = ConcurrentHashMap.newKeySet();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();

  MailBurst(Settings settings) {
    this.settings = settings;
  }

  List<Row> run() throws Exception {
    SMTPServer sink = SMTPServer.port(0).bindAddress(InetAddress.getByName("127.0.0.1")).hostName("sink.bench")
        .messageHandlerFactory(this::handler).build();
    sink.start();
    Map<String, String> env = Map.of("COORDO_MAIL_TRANSPORT", "smtp", "COORDO_MAIL_HOST", "127.0.0.1",
        "COORDO_MAIL_PORT", String.valueOf(sink.getPortAllocated()), "COORDO_MAIL_SECURITY", "none",
        "COORDO_MAIL_FROM", "grenoble@coordo.example", "COORDO_MAIL_RATE", String.valueOf(settings.rate()));
    try (LocalNode node = new LocalNode(env).start(NodeOptions.standard())) {
      DurableMailQueue queue = (DurableMailQueue) node.node().services().mail();
      long heapBefore = heapAfterGc();
      List<OutgoingMail> mails = new ArrayList<>(settings.mails());
      String html = "<p>" + "Assemblée générale jeudi à 18 h, Bourse du travail. ".repeat(20) + "</p>";
      String text = "Assemblée générale jeudi à 18 h, Bourse du travail.\n".repeat(20);
      for (int i = 0; i < settings.mails(); i++) {
        mails.add(new OutgoingMail("abonne" + i + "@example.org", "Coordo — Collectif de Grenoble",
            "Nouvelle publication : assemblée générale", text, html, List.of(),
            "http://127.0.0.1:" + node.port + "/mail/unsubscribe/token" + i, "auto-generated", null, null,
            "publication"));
      }
      long acceptStart = System.nanoTime();
      Await.result(queue.sendAll(mails), 120);
      double acceptSeconds = (System.nanoTime() - acceptStart) / 1e9;
      mails = null;
      long heapMiddle = -1;
      long peakUsed = 0;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long deadline = System.nanoTime() + (long) ((settings.mails() / (double) settings.rate()) * 3e9) + 60_000_000_000L;
      while (recipients.size() < settings.mails()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + recipients.size() + " of " + settings.mails() + " arrived");
        }
        if (heapMiddle < 0 && recipients.size() >= settings.mails() / 2) {
          heapMiddle = heapAfterGc();
        }
        peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
        Thread.sleep(100); // sampling interval of the measurement, not a wait for an effect
      }
      double spanSeconds = (last.get() - first.get()) / 1e9;
      double achieved = (settings.mails() - 1) / spanSeconds;
      Await.result(waitEmpty(queue), 30);
      long heapAfter = heapAfterGc();
      List<Row> rows = new ArrayList<>();
      rows.add(Row.info(NAME, settings.mails() + " messages accepted in one write (s)", String.format("%.2f", acceptSeconds)));
      rows.add(Row.atMost(NAME, "rate seen by the SMTP server (msg/s), configured " + settings.rate(), achieved,
          settings.rate() * 1.02, "%.1f"));
      rows.add(Row.atLeast(NAME, "rate seen, share of the configured rate", achieved / settings.rate(), 0.9, "%.3f"));
      rows.add(Row.info(NAME, "first to last message handed over (s)", String.format("%.1f", spanSeconds)));
      rows.add(Row.info(NAME, "heap after GC before / middle / after (MiB)", String.format("%.1f / %.1f / %.1f",
          heapBefore / 1048576.0, heapMiddle / 1048576.0, heapAfter / 1048576.0)));
      rows.add(Row.info(NAME, "peak heap used, sampled every 100 ms (MiB)", String.format("%.1f", peakUsed / 1048576.0)));
      return rows;
    } finally {
      sink.stop();
    }
  }

  private static io.vertx.core.Future<Void> waitEmpty(DurableMailQueue queue) {
    return queue.pending().compose(n -> n == 0 ? io.vertx.core.Future.succeededFuture() : waitEmpty(queue));
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private MessageHandler handler(MessageContext context) {
    return new MessageHandler() {
      private String to;

      @Override
      public void from(String from) {}

      @Override
      public void recipient(String recipient) {
        to = recipient;
      }

      @Override
      public String data(InputStream data) throws java.io.IOException {
        data.transferTo(java.io.OutputStream.nullOutputStream());
        long now = System.nanoTime();
        first.compareAndSet(0, now);
        last.set(now);
        recipients.add(to);
        return null;
      }

      @Override
      public void done() {}
    };
  }
}
