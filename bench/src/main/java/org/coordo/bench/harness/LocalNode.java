package org.coordo.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.app.Node;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * A whole node in this JVM, assembled as {@code ./coordo run} does ({@link NodeOptions#standard()}), on 127.0.0.1
 * with its RocksDB under a temporary directory and private addresses allowed (the fake remotes are on
 * loopback). The port is picked free beforehand rather than 0, because the public URL (which signatures cover)
 * must name it.
 */
final class LocalNode implements AutoCloseable {
  final Path dir;
  final int port;
  final String base;
  final NodeConfig config;
  private Node node;

  LocalNode() {
    this(Map.of());
  }

  /** A node with more configuration ({@code COORDO_MAIL_*} for the mail burst). */
  LocalNode(Map<String, String> extraEnv) {
    try {
      dir = Files.createTempDirectory("coordo-harness");
      Files.writeString(dir.resolve("node.json"), "{}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = freePort();
    base = "http://127.0.0.1:" + port;
    Map<String, String> env = new HashMap<>();
    env.put("COORDO_PORT", String.valueOf(port));
    env.put("COORDO_BIND_ADDRESS", "127.0.0.1");
    env.put("COORDO_PUBLIC_URL", base);
    env.put("COORDO_DATA_DIR", dir.resolve("data").toString());
    env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    env.put("COORDO_HTTP_DRAIN_SECONDS", "5");
    env.putAll(extraEnv);
    config = ConfigLoader.load(dir.resolve("node.json"), env).config();
  }

  LocalNode start() {
    return start(NodeOptions.standard());
  }

  LocalNode start(NodeOptions options) {
    node = Await.result(Node.start(config, options));
    return this;
  }

  /** The running node (after {@link #start}). */
  Node node() {
    return node;
  }

  /** Stops the node (drains HTTP, stops what was assembled, closes the store). */
  void stop() {
    if (node != null) {
      Await.result(node.stop());
      node = null;
    }
  }

  /** Reopens the stopped node's database (the caller closes it). */
  RocksKvStore reopenStore() {
    return RocksKvStore.open(new DataDir(config.dataDir()).db(), StorageSchema.options());
  }

  @Override
  public void close() {
    stop();
    Cleanup.deleteTree(dir);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
