package org.coordo.server.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Fedify peer for every conformance class of a test run (starting one costs seconds of Node loading Fedify):
 * started by the first class that needs it, {@code /control/reset} before each class (configuration, logs,
 * followers, following and notes as when fresh), stopped when the run ends. Each class still starts its own nodes.
 *
 * <pre>{@code
 * @RegisterExtension static final SharedFedifyPeer PEER = new SharedFedifyPeer();
 * ... peer = PEER.peer();   // in @BeforeAll or @BeforeEach
 * }</pre>
 *
 * Without node/npm the class is skipped (aborted), as {@link FedifyPeer#available()} says.
 */
final class SharedFedifyPeer implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedFedifyPeer.class);

  private FedifyPeer peer;

  /** Closes the peer when the root context (the whole run) closes. */
  private record Running(FedifyPeer peer) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      peer.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    assumeTrue(FedifyPeer.available(), "node and npm are not installed: the Fedify conformance suite is skipped");
    peer = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, k -> new Running(FedifyPeer.start()), Running.class).peer();
    peer.control("reset", new JsonObject());
  }

  /** The peer, fresh for this class. */
  FedifyPeer peer() {
    if (peer == null) {
      throw new IllegalStateException("SharedFedifyPeer must be a static @RegisterExtension field");
    }
    return peer;
  }
}
