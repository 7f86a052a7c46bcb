package org.coordo.server.cli;

/**
 * Bad arguments: {@link Cli} prints {@code coordo: MESSAGE} and exits with {@link Cli#USAGE}.
 * Commands throw it instead of returning, so argument checks stay one line.
 */
public class UsageException extends IllegalArgumentException {
  public UsageException(String message) {
    super(message);
  }
}
