package org.coordo.server.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code dataDir/node.run.json}: how local tools find a running node. Written (atomically) once the
 * node listens, deleted when it stops cleanly; a file left by a crash names a dead pid.
 *
 * @param pid the node's process id
 * @param port the port actually bound (useful when the configuration says 0)
 * @param bindAddress the configured bind address
 * @param version the Coordo version
 */
public record RunFile(long pid, int port, String bindAddress, String version) {

  /** Whether the process that wrote the file is still alive. */
  public boolean processAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The address a local client connects to: loopback unless the node is bound to one address. */
  public String connectHost() {
    return switch (bindAddress) {
      case "0.0.0.0", "::", "[::]", "localhost" -> "127.0.0.1";
      default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    };
  }

  public void write(Path file) {
    JsonObject json = new JsonObject()
        .put("pid", pid).put("port", port).put("bindAddress", bindAddress).put("version", version);
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, json.encodePrettily() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The run file, if present and readable. */
  public static Optional<RunFile> read(Path file) {
    try {
      JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.of(new RunFile(
          json.getLong("pid"), json.getInteger("port"), json.getString("bindAddress"), json.getString("version")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | DecodeException | ClassCastException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
