package org.coordo.server.app.crash;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.federation.testkit.Await;

/**
 * A TCP load balancer on 127.0.0.1 in front of several processes of one node, as a reverse proxy in
 * front of them would be: each new connection goes to the next backend port in turn; a backend that
 * refuses (its process is down) is skipped for the next one, so a killed process is taken out of the
 * rotation by the first connection that meets it.
 */
final class RoundRobinProxy implements AutoCloseable {
  private final NetServer server;
  private final NetClient client;
  private final List<Integer> backends;
  private final AtomicInteger next = new AtomicInteger();
  final AtomicLong connections = new AtomicLong();
  final AtomicLong[] perBackend;

  private RoundRobinProxy(Vertx vertx, List<Integer> backends) {
    this.backends = List.copyOf(backends);
    this.perBackend = new AtomicLong[backends.size()];
    for (int i = 0; i < perBackend.length; i++) {
      perBackend[i] = new AtomicLong();
    }
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer().connectHandler(this::relay);
  }

  /** Listens on a free loopback port; {@link #port()} says which. */
  static RoundRobinProxy start(Vertx vertx, List<Integer> backendPorts) {
    RoundRobinProxy proxy = new RoundRobinProxy(vertx, backendPorts);
    Await.result(proxy.server.listen(0, "127.0.0.1"));
    return proxy;
  }

  int port() {
    return server.actualPort();
  }

  private void relay(NetSocket inbound) {
    connections.incrementAndGet();
    inbound.pause();
    connect(inbound, next.getAndIncrement(), backends.size());
  }

  private void connect(NetSocket inbound, int turn, int triesLeft) {
    int index = Math.floorMod(turn, backends.size());
    client.connect(backends.get(index), "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        if (triesLeft > 1) {
          connect(inbound, turn + 1, triesLeft - 1);
        } else {
          inbound.close();
        }
        return;
      }
      perBackend[index].incrementAndGet();
      NetSocket outbound = ar.result();
      inbound.pipeTo(outbound);
      outbound.pipeTo(inbound);
      inbound.resume();
    });
  }

  @Override
  public void close() {
    Await.result(server.close());
    Await.result(client.close());
  }
}
