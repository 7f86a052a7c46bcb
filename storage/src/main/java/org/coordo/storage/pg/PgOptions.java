package org.coordo.storage.pg;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the PostgreSQL database of a {@link PgKvStore}.
 *
 * @param host server host name or address
 * @param port server port (5432 by default)
 * @param database database name; it must exist (the store creates its tables, not the database)
 * @param user role the store connects as; it needs CREATE on the database's public schema
 * @param password the role's password as the caller read it (environment variable or file); empty
 *     for trust or peer authentication. Never logged: {@link #toString()} hides it
 * @param poolSize connections this process keeps open at most
 * @param sslMode {@code disable}, {@code prefer}, {@code require}, {@code verify-ca} or {@code
 *     verify-full}, as libpq spells them
 * @param timeout how long one storage call waits for PostgreSQL (connecting included) before it fails
 *     with a {@link org.coordo.storage.StorageException}
 */
public record PgOptions(
    String host, int port, String database, String user, String password, int poolSize, String sslMode,
    Duration timeout) {

  public static final int DEFAULT_PORT = 5432;
  public static final int DEFAULT_POOL_SIZE = 8;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public PgOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
    sslMode = sslMode == null ? "prefer" : sslMode;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (host.isBlank() || database.isBlank() || user.isBlank()) {
      throw new IllegalArgumentException("PostgreSQL host, database and user must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("PostgreSQL port must be between 1 and 65535");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("PostgreSQL pool size must be at least 1");
    }
    if (!java.util.List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full").contains(sslMode)) {
      throw new IllegalArgumentException(
          "PostgreSQL SSL mode must be disable, allow, prefer, require, verify-ca or verify-full");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("PostgreSQL timeout must be positive");
    }
  }

  /** Default pool size, SSL mode {@code prefer} and timeout. */
  public static PgOptions of(String host, int port, String database, String user, String password) {
    return new PgOptions(host, port, database, user, password, DEFAULT_POOL_SIZE, "prefer", DEFAULT_TIMEOUT);
  }

  public PgOptions withPoolSize(int size) {
    return new PgOptions(host, port, database, user, password, size, sslMode, timeout);
  }

  public PgOptions withSslMode(String mode) {
    return new PgOptions(host, port, database, user, password, poolSize, mode, timeout);
  }

  public PgOptions withTimeout(Duration wait) {
    return new PgOptions(host, port, database, user, password, poolSize, sslMode, wait);
  }

  public PgOptions withDatabase(String name) {
    return new PgOptions(host, port, name, user, password, poolSize, sslMode, timeout);
  }

  /** Where it connects, without the password. */
  @Override
  public String toString() {
    return "PgOptions[" + user + "@" + host + ":" + port + "/" + database + ", pool " + poolSize + ", ssl "
        + sslMode + ", timeout " + timeout + (password.isEmpty() ? "" : ", password ***") + "]";
  }
}
