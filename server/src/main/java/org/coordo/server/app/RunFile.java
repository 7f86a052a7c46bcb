package org.coordo.server.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code dataDir/node.run.json}: how local tools find a running node. Written (atomically) once the
 * node listens, deleted when it stops cleanly; a file left by a crash names a dead pid.
 *
 * @param pid the node's process id
 * @param startedAt when that process started (epoch millis; with the pid, it names one process
 *     even once the pid is reused), 0 if the platform does not say
 * @param port the port actually bound (useful when the configuration says 0)
 * @param bindAddress the configured bind address
 * @param version the Coordo version
 */
public record RunFile(long pid, long startedAt, int port, String bindAddress, String version) {

  /** The run file of this process, listening on {@code port}. */
  public static RunFile ofCurrentProcess(int port, String bindAddress, String version) {
    ProcessHandle self = ProcessHandle.current();
    return new RunFile(self.pid(), startMillis(self), port, bindAddress, version);
  }

  /** Whether the process that wrote the file is still alive (not just its pid, reused since). */
  public boolean processAlive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> startedAt == 0 || startMillis(p) == 0 || startMillis(p) == startedAt)
        .isPresent();
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
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
        .put("pid", pid).put("startedAt", startedAt).put("port", port).put("bindAddress", bindAddress).put("version", version);
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
      return Optional.of(new RunFile(json.getLong("pid"), json.getLong("startedAt", 0L), json.getInteger("port"),
          json.getString("bindAddress"), json.getString("version")));
    } catch (IOException | DecodeException | ClassCastException | NullPointerException e) {
      return Optional.empty(); // absent (NoSuchFileException) or not ours
    }
  }
}
