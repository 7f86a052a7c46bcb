package org.coordo.federation.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.coordo.federation.Federation;
import org.coordo.federation.LocalActor;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.RequestSigner;

/**
 * POSTs activities to an inbox as a remote server would: the body signed (draft-cavage, with a Digest)
 * by a real actor's key, so that the receiving node runs its whole pipeline, key fetch included. The
 * answer comes back once the inbox answered (202 means the activity was processed, listeners included).
 * Blocking: call from the test thread.
 */
public final class SignedPoster implements AutoCloseable {
  private final WebClient client;

  public SignedPoster(Vertx vertx) {
    this.client = WebClient.create(vertx);
  }

  /** Signs as the local actor {@code name} of that node, with its stored key ({@code …/actors/name#main-key}). */
  public static RequestSigner signerOf(Federation node, String name) {
    LocalActor actor = Await.result(node.context().actors().find(name)).orElseThrow();
    return new CavageSigner(node.context().uris().actor(name) + "#main-key", ActorKeys.privateKeyFromPem(actor.privateKeyPem()),
        Clock.systemUTC());
  }

  /** POSTs the activity to {@code inbox}, signed by {@code signer}; the status code. */
  public int post(URI inbox, JsonObject activity, RequestSigner signer) {
    byte[] body = activity.encode().getBytes(StandardCharsets.UTF_8);
    var request = client.postAbs(inbox.toString()).putHeader("Content-Type", "application/activity+json");
    signer.sign("POST", inbox, body).forEach((k, v) -> {
      if (!k.equalsIgnoreCase("host")) {
        request.putHeader(k, v);
      }
    });
    HttpResponse<Buffer> resp = Await.result(request.sendBuffer(Buffer.buffer(body)));
    return resp.statusCode();
  }

  @Override
  public void close() {
    client.close();
  }
}
