package org.coordo.storage;

/**
 * The store cannot be reached right now (PostgreSQL restarting, the network, a timeout), as opposed to a call
 * that failed for its own sake: a caller may answer "try again later" (HTTP 503 with Retry-After) and retry.
 */
public class StorageUnavailableException extends StorageException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
