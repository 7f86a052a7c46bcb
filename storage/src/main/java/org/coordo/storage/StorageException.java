package org.coordo.storage;

/** The one unchecked exception of the storage layer. Messages never contain key or value bytes. */
public class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
