package org.coordo.bench.harness;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.auth.Role;
import org.coordo.server.data.mail.SubscriptionRepository;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.mail.DurableMailQueue;
import org.coordo.server.service.account.UserService;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Publication to subscribers (issue 15), end to end: a node in this JVM with production settings
 * ({@link NodeOptions#standard()}) and {@code --mails} confirmed email subscribers of one collective
 * (written straight into the store before the run: confirming 10,000 through the double opt-in is
 * not what is measured); an editor publishes one event through the JSON API; the node's fan-out
 * writes one message per subscriber (text, HTML, {@code .ics}) into the durable mail queue, which
 * hands them to a SubEthaSMTP server on loopback at {@code --mail-rate} per second. Measured: the
 * time from the publish request to the last message, the rate the sink saw, every subscriber reached
 * exactly once, and this JVM's heap after a full GC before, in the middle and after.
 */
final class MailFanoutBurst {
  static final String NAME = "mail fan-out";
  private static final String COLLECTIVE = "grenoble";

  private final MailBurst.Settings settings;
  private final Map<String, Integer> received = new ConcurrentHashMap<>();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();
  private final AtomicLong withCalendar = new AtomicLong();

  MailFanoutBurst(MailBurst.Settings settings) {
    this.settings = settings;
  }

  List<Row> run() throws Exception {
    SMTPServer sink = SMTPServer.port(0).bindAddress(InetAddress.getByName("127.0.0.1")).hostName("sink.bench")
        .messageHandlerFactory(this::handler).build();
    sink.start();
    Map<String, String> env = Map.of("COORDO_MAIL_TRANSPORT", "smtp", "COORDO_MAIL_HOST", "127.0.0.1",
        "COORDO_MAIL_PORT", String.valueOf(sink.getPortAllocated()), "COORDO_MAIL_SECURITY", "none",
        "COORDO_MAIL_FROM", "grenoble@coordo.example", "COORDO_MAIL_RATE", String.valueOf(settings.rate()));
    try (LocalNode node = new LocalNode(env).start(NodeOptions.standard().withMetrics(false))) {
      var services = node.node().services();
      var accounts = services.accounts();
      Await.result(accounts.collectives().create(COLLECTIVE, "Collectif de Grenoble", "Bench", false));
      Await.result(accounts.users().create(new UserService.NewUser("editor", "Editor", "bench-editor-password"),
          false, Map.of(COLLECTIVE, Role.EDITOR)));
      String token = Await.result(accounts.sessions().createToken("editor", "bench")).token();
      long t = System.nanoTime();
      int n = settings.mails();
      Await.result(services.platform().storage().call(store -> {
        SubscriptionRepository repository = new SubscriptionRepository(store);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
          repository.put(new Subscription(String.format("bench%08d", i), "abonne" + i + "@example.org", COLLECTIVE,
              i % 5 == 0 ? "en" : "fr", MailFrequency.EACH, false, Set.of(), Subscription.State.CONFIRMED, now, now,
              null), null, null, null);
        }
        return null;
      }), 600);
      FanOut.log(NAME, "%d confirmed subscribers written in %.1f s", n, (System.nanoTime() - t) / 1e9);

      DurableMailQueue queue = (DurableMailQueue) services.mail();
      long heapBefore = heapAfterGc();
      JsonObject event = new JsonObject().put("title", "Manifestation pour nos salaires")
          .put("timezone", NodeTime.DEFAULT_ZONE.getId()).put("startTime", "2030-10-09T14:00")
          .put("content", "Rendez-vous devant la préfecture. " .repeat(30))
          .put("location", new JsonObject().put("name", "Place Grenette").put("address", "Grenoble"))
          .put("publish", true);
      HttpRequest post = HttpRequest.newBuilder(URI.create(node.base + "/api/collectives/" + COLLECTIVE + "/events"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofString(event.encode())).build();
      long t0 = System.nanoTime();
      HttpResponse<String> created = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("publishing answered " + created.statusCode() + ": " + created.body());
      }
      long heapMiddle = -1;
      long peakUsed = 0;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long deadline = System.nanoTime() + (long) ((n / (double) settings.rate()) * 3e9) + 120_000_000_000L;
      while (received.size() < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + received.size() + " of " + n + " subscribers reached");
        }
        if (heapMiddle < 0 && received.size() >= n / 2) {
          heapMiddle = heapAfterGc();
        }
        peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
        Thread.sleep(100); // sampling interval of the measurement, not a wait for an effect
      }
      double toLast = (last.get() - t0) / 1e9;
      double toFirst = (first.get() - t0) / 1e9;
      double spanSeconds = (last.get() - first.get()) / 1e9;
      double achieved = (n - 1) / spanSeconds;
      waitEmpty(queue);
      long twice = received.values().stream().filter(c -> c > 1).count();
      long heapAfter = heapAfterGc();
      List<Row> rows = new ArrayList<>();
      rows.add(Row.info(NAME, "publish request to first / last message at the SMTP server (s)",
          String.format("%.1f / %.1f", toFirst, toLast)));
      rows.add(Row.atMost(NAME, "rate seen by the SMTP server (msg/s), configured " + settings.rate(), achieved,
          settings.rate() * 1.02, "%.1f"));
      rows.add(Row.atLeast(NAME, "rate seen, share of the configured rate", achieved / settings.rate(), 0.9, "%.3f"));
      rows.add(Row.atMost(NAME, "subscribers who got the publication twice", twice, 0, "%.0f"));
      rows.add(Row.atLeast(NAME, "messages carrying the event's .ics", withCalendar.get(), n, "%.0f"));
      rows.add(Row.info(NAME, "heap after GC before / middle / after (MiB)", String.format("%.1f / %.1f / %.1f",
          heapBefore / 1048576.0, heapMiddle / 1048576.0, heapAfter / 1048576.0)));
      rows.add(Row.info(NAME, "peak heap used, sampled every 100 ms (MiB)", String.format("%.1f", peakUsed / 1048576.0)));
      return rows;
    } finally {
      sink.stop();
    }
  }

  private static void waitEmpty(DurableMailQueue queue) {
    while (Await.result(queue.pending(), 30) > 0) {
      FanOutFollowers.sleep(50);
    }
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
        byte[] bytes = data.readAllBytes();
        if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("text/calendar")) {
          withCalendar.incrementAndGet();
        }
        long now = System.nanoTime();
        first.compareAndSet(0, now);
        last.set(now);
        received.merge(to, 1, Integer::sum);
        return null;
      }

      @Override
      public void done() {}
    };
  }
}
