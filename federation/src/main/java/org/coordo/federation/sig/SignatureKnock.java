package org.coordo.federation.sig;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs an outgoing request the way the host verifies it — the "double knock" (as Fedify does it): RFC 9421 first
 * (what Mastodon 4.5+, Fedify and others verify), and on an answer that may mean "bad signature" (400, 401, 403)
 * the same request once more with draft-cavage (what every server verifies). A 401 carrying an {@code
 * Accept-Signature} challenge (RFC 9421 §5) that this node can satisfy is answered first. What succeeded (a 2xx)
 * is remembered per host ({@link Memory}, durable) and tried first next time, so a known host costs one signature.
 *
 * <p>Every knock of a request is a different signing (remembered one, challenge answer, the other scheme), each
 * tried at most once: a host that refuses the activity itself (a 400 either way) costs at most three requests and
 * never loops; other statuses (404, 410, 422, 429, 5xx…) are returned at once, without another knock.
 */
public final class SignatureKnock {
  private static final Logger LOG = LoggerFactory.getLogger(SignatureKnock.class);

  /** One way of signing: a scheme, and for RFC 9421 optionally the challenge ({@code Accept-Signature} member) answered. */
  public record Knock(SignatureScheme scheme, String challenge) {
    public static final Knock RFC9421 = new Knock(SignatureScheme.RFC9421, null);
    public static final Knock CAVAGE = new Knock(SignatureScheme.CAVAGE, null);

    public Knock {
      Objects.requireNonNull(scheme, "scheme");
    }
  }

  /** Per-host memory of the knock that worked (implemented by the host profiles, in RocksDB). */
  public interface Memory {
    Optional<Knock> remembered(URI target);

    /** Stores it when it differs from what is remembered (the write runs on a worker). */
    Future<Void> remember(URI target, Knock knock);
  }

  /** What the knock needs of an answer: its status and {@code Accept-Signature} (null when absent). */
  public record Answer(int status, String acceptSignature) {}

  /**
   * The request to sign: method, target, body (null for none) and the header fields it carries besides the
   * signature's own (Content-Type, Accept, User-Agent…: a challenge may ask to cover them).
   */
  public record Request(String method, URI target, byte[] body, Map<String, String> sent) {}

  /** Sends the request once with these signature headers. */
  @FunctionalInterface
  public interface Exchange<R> {
    Future<R> send(Map<String, String> signatureHeaders);
  }

  /** Runs an RSA signing off the event loop (a worker executor, behind the caller's own limits). */
  @FunctionalInterface
  public interface Signing {
    Future<Map<String, String>> run(Callable<Map<String, String>> rsa);
  }

  private static final Set<Integer> MAYBE_SIGNATURE = Set.of(400, 401, 403);

  private final Memory memory;
  private final Clock clock;

  public SignatureKnock(Memory memory, Clock clock) {
    this.memory = Objects.requireNonNull(memory, "memory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The knock tried first for a target: the remembered one, else RFC 9421. */
  public Knock firstFor(URI target) {
    return memory.remembered(target).orElse(Knock.RFC9421);
  }

  /**
   * Signs and sends {@code request}, knocking again as described above. Completes with the last answer; fails only
   * when signing or the exchange fails.
   */
  public <R> Future<R> send(Request request, SigningKey key, Signing signing, Exchange<R> exchange,
      Function<R, Answer> answerOf) {
    Knock first = firstFor(request.target());
    return knock(request, key, signing, exchange, answerOf, first, new ArrayList<>(List.of(first)));
  }

  private <R> Future<R> knock(Request request, SigningKey key, Signing signing, Exchange<R> exchange,
      Function<R, Answer> answerOf, Knock knock, List<Knock> tried) {
    return signing.run(() -> sign(request, key, knock)).compose(exchange::send).compose(result -> {
      Answer answer = answerOf.apply(result);
      if (answer.status() >= 200 && answer.status() < 300) {
        return memory.remember(request.target(), knock).<R>map(v -> result).otherwise(result);
      }
      if (!MAYBE_SIGNATURE.contains(answer.status())) {
        return Future.succeededFuture(result);
      }
      Optional<Knock> next = next(request, key, answer, tried);
      if (next.isEmpty()) {
        return Future.succeededFuture(result);
      }
      LOG.debug("signature knock: {} {} answered {} to {}, trying {}", request.method(), request.target(),
          answer.status(), knock, next.get());
      tried.add(next.get());
      return knock(request, key, signing, exchange, answerOf, next.get(), tried);
    });
  }

  private Optional<Knock> next(Request request, SigningKey key, Answer answer, List<Knock> tried) {
    if (answer.status() == 401) {
      Optional<AcceptSignature> challenge =
          AcceptSignature.satisfiable(answer.acceptSignature(), key.keyId(), presentFields(request));
      if (challenge.isPresent()) {
        Knock answered = new Knock(SignatureScheme.RFC9421, challenge.get().serialized());
        if (!tried.contains(answered)) {
          return Optional.of(answered);
        }
      }
    }
    for (Knock plain : List.of(Knock.RFC9421, Knock.CAVAGE)) {
      boolean schemeTried = tried.stream().anyMatch(k -> k.scheme() == plain.scheme());
      if (!schemeTried) {
        return Optional.of(plain);
      }
    }
    return Optional.empty();
  }

  /** The signature headers of one knock (blocking: RSA). */
  Map<String, String> sign(Request request, SigningKey key, Knock knock) {
    if (knock.challenge() != null) {
      Optional<AcceptSignature> challenge =
          AcceptSignature.satisfiable(knock.challenge(), key.keyId(), presentFields(request));
      if (challenge.isPresent()) {
        return challenge.get().sign(request.method(), request.target(), request.body(), request.sent(), key, clock);
      }
    }
    return key.signer(knock.scheme(), clock).sign(request.method(), request.target(), request.body());
  }

  private static Set<String> presentFields(Request request) {
    Set<String> names = new java.util.HashSet<>();
    request.sent().keySet().forEach(n -> names.add(n.toLowerCase(java.util.Locale.ROOT)));
    return names;
  }
}
