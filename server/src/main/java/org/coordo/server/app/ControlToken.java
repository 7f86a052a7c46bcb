package org.coordo.server.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token of the local control endpoints: 32 random bytes, written to {@code
 * dataDir/control.token} with mode 0600 so that only the node's user (and root) can call them.
 */
public final class ControlToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] value;

  private ControlToken(String value) {
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /** A new random token, written to {@code file} (replacing any older one) readable by the owner only. */
  public static ControlToken create(Path file) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      Files.deleteIfExists(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new ControlToken(text);
  }

  /** The token a running node wrote, as read back from its file by a module of the same node. */
  public static ControlToken of(String value) {
    return new ControlToken(value);
  }

  /** Reads the token a running node wrote. */
  public static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  /** Compares in constant time. */
  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
  }
}
