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
  private volatile List<Integer> backends;
  private final AtomicInteger next = new AtomicInteger();
  final AtomicLong connections = new AtomicLong();

  private RoundRobinProxy(Vertx vertx) {
    this.backends = List.of();
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer().connectHandler(this::relay);
  }

  /**
   * Listens on a free loopback port ({@link #port()} says which: the node's public URL names it, so it
   * is known before the processes start); {@link #backends} says where to forward.
   */
  static RoundRobinProxy start(Vertx vertx) {
    RoundRobinProxy proxy = new RoundRobinProxy(vertx);
    Await.result(proxy.server.listen(0, "127.0.0.1"));
    return proxy;
  }

  /** The processes' ports, in turn. */
  RoundRobinProxy backends(List<Integer> ports) {
    this.backends = List.copyOf(ports);
    return this;
  }

  int port() {
    return server.actualPort();
  }

  private void relay(NetSocket inbound) {
    connections.incrementAndGet();
    inbound.pause();
    List<Integer> ports = backends;
    if (ports.isEmpty()) {
      inbound.close();
      return;
    }
    connect(inbound, ports, next.getAndIncrement(), ports.size());
  }

  private void connect(NetSocket inbound, List<Integer> ports, int turn, int triesLeft) {
    int index = Math.floorMod(turn, ports.size());
    client.connect(ports.get(index), "127.0.0.1").onComplete(ar -> {
      if (ar.failed()) {
        if (triesLeft > 1) {
          connect(inbound, ports, turn + 1, triesLeft - 1);
        } else {
          inbound.close();
        }
        return;
      }
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
