package org.coordo.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The node's configuration: immutable, validated, passed to everything that needs it. Built by
 * {@link ConfigLoader} from defaults, the file and the environment (see {@link ConfigSchema}).
 */
public record NodeConfig(
    int port,
    String bindAddress,
    Path dataDir,
    URI publicUrl,
    Role role,
    Identity node,
    Federation federation,
    Http http,
    Storage storage,
    National national,
    Mail mail) {

  /** What kind of node this is. */
  public enum Role {
    CITY,
    NATIONAL;

    /** As written in the configuration: {@code city} or {@code national}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code node.*}: how the node presents itself. */
  public record Identity(String name, String description) {}

  /** {@code federation.*}: protocol settings. */
  public record Federation(boolean allowPrivateAddresses, boolean authorizedFetch, long maxBodyBytes) {}

  /**
   * {@code http.*}: the HTTP server.
   *
   * @param bodyMemoryBytes what request bodies in flight may cost together (the node's body budget)
   * @param eventLoops event loops serving HTTP; 0 means one per CPU core ({@link #effectiveEventLoops()})
   */
  public record Http(long maxBodyBytes, long bodyMemoryBytes, Duration drainTimeout, boolean behindProxy,
      int eventLoops) {
    /** The number of HTTP event loops to run: {@code eventLoops}, or the CPU count when it is 0. */
    public int effectiveEventLoops() {
      return eventLoops > 0 ? eventLoops : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
  }

  /**
   * {@code storage.*}: database settings.
   *
   * @param workers threads of the {@code coordo-storage} pool
   * @param backend where the data lives
   * @param filesDir where uploaded files live ({@code media/}, {@code toolbox/}): {@code storage.filesDir}, or the
   *     data directory
   * @param postgresql the PostgreSQL connection (used when {@code backend} is {@link Backend#POSTGRESQL})
   */
  public record Storage(int workers, Backend backend, Path filesDir, Postgresql postgresql) {

    /** A RocksDB store with {@code workers} threads, files in {@code dataDir} (tests, tools). */
    public static Storage rocksdb(int workers, Path dataDir) {
      return new Storage(workers, Backend.ROCKSDB, dataDir, Postgresql.DEFAULTS);
    }

    /** {@code storage.backend}. */
    public enum Backend {
      ROCKSDB, POSTGRESQL;

      /** As written in the configuration. */
      public String id() {
        return name().toLowerCase(Locale.ROOT);
      }
    }

    /** One line for logs and {@code config check}: which store, where (never the password). */
    public String summary() {
      return backend == Backend.ROCKSDB ? "storage: rocksdb (embedded, one process)"
          : "storage: postgresql " + postgresql.user() + "@" + postgresql.host() + ":" + postgresql.port() + "/"
              + postgresql.database() + " (ssl " + postgresql.ssl() + ", pool " + postgresql.poolSize()
              + ", password " + (postgresql.password().isEmpty() ? "not set" : "(set, not shown)") + "), files in "
              + filesDir;
    }
  }

  /**
   * {@code storage.postgresql.*} and {@code storage.password}.
   *
   * @param ssl {@code disable}, {@code require} or {@code verify-full}
   * @param password from {@code COORDO_STORAGE_PASSWORD} or the password file; never printed
   */
  public record Postgresql(String host, int port, String database, String user, int poolSize, String ssl,
      String password) {
    public static final Postgresql DEFAULTS = new Postgresql("localhost", 5432, "coordo", "coordo", 8, "disable", "");

    @Override
    public String toString() {
      return "Postgresql[" + user + "@" + host + ":" + port + "/" + database + ", pool " + poolSize + ", ssl " + ssl
          + (password.isEmpty() ? "" : ", password set") + "]";
    }
  }

  /**
   * {@code national.*}: the national coordination (used when {@code role} is national).
   *
   * @param group the national Group's actor name
   * @param follow handles or actor URLs to follow at start
   * @param reannounce {@code all}, {@code events-and-calls} or {@code picked}
   */
  public record National(String group, java.util.List<String> follow, String reannounce) {
    public National {
      follow = follow == null ? java.util.List.of() : java.util.List.copyOf(follow);
    }
  }

  /**
   * {@code mail.*}: how the node sends mail (docs/MAIL.md).
   *
   * @param password the SMTP password (from the environment or {@code mail.passwordFile}); never printed
   * @param from the sender address; empty when mail is off
   * @param rate messages per second handed to the transport, at most
   * @param directory where the {@code directory} transport writes
   * @param dkim the DKIM signing key, or null
   */
  public record Mail(Transport transport, String host, int port, Security security, String user, String password,
      String from, int rate, Path directory, Dkim dkim) {

    /** {@code mail.transport}. */
    public enum Transport {
      OFF, SMTP, DIRECTORY
    }

    /** {@code mail.security}. */
    public enum Security {
      NONE, STARTTLS, TLS
    }

    /** DKIM: domain ({@code d=}), selector ({@code s=}) and the PEM PKCS#8 RSA key file. */
    public record Dkim(String domain, String selector, Path keyFile) {}

    /** Whether the node sends mail at all. */
    public boolean enabled() {
      return transport != Transport.OFF;
    }

    /** One line for logs and {@code config check}: whether mail is on, and how. */
    public String summary() {
      return switch (transport) {
        case OFF -> "mail is off (mail.transport = off): no subscription forms, no mail sent";
        case SMTP -> "mail is on: SMTP to " + host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT)
            + (user.isEmpty() ? "" : ", login " + user) + "), from " + from + ", at most " + rate + "/s"
            + (dkim == null ? ", no DKIM" : ", DKIM d=" + dkim.domain() + " s=" + dkim.selector());
        case DIRECTORY -> "mail is on: written as .eml files to " + directory.resolve("new") + ", from " + from
            + ", at most " + rate + "/s";
      };
    }

    @Override
    public String toString() {
      return "Mail[" + summary() + (password.isEmpty() ? "" : ", password set") + "]";
    }
  }

  /** Builds the record from parsed values keyed by path (every key of the schema present). */
  static NodeConfig from(Map<String, Object> values) {
    return new NodeConfig(
        intValue(values, ConfigSchema.PORT),
        (String) values.get(ConfigSchema.BIND_ADDRESS.path()),
        (Path) values.get(ConfigSchema.DATA_DIR.path()),
        (URI) values.get(ConfigSchema.PUBLIC_URL.path()),
        Role.valueOf(((String) values.get(ConfigSchema.ROLE.path())).toUpperCase(Locale.ROOT)),
        new Identity(
            (String) values.get(ConfigSchema.NODE_NAME.path()),
            (String) values.get(ConfigSchema.NODE_DESCRIPTION.path())),
        new Federation(
            (Boolean) values.get(ConfigSchema.FEDERATION_ALLOW_PRIVATE_ADDRESSES.path()),
            (Boolean) values.get(ConfigSchema.FEDERATION_AUTHORIZED_FETCH.path()),
            (Long) values.get(ConfigSchema.FEDERATION_MAX_BODY_BYTES.path())),
        new Http(
            (Long) values.get(ConfigSchema.HTTP_MAX_BODY_BYTES.path()),
            (Long) values.get(ConfigSchema.HTTP_BODY_MEMORY_BYTES.path()),
            Duration.ofSeconds((Long) values.get(ConfigSchema.HTTP_DRAIN_SECONDS.path())),
            (Boolean) values.get(ConfigSchema.HTTP_BEHIND_PROXY.path()),
            intValue(values, ConfigSchema.HTTP_EVENT_LOOPS)),
        storage(values),
        new National(
            (String) values.get(ConfigSchema.NATIONAL_GROUP.path()),
            splitList((String) values.get(ConfigSchema.NATIONAL_FOLLOW.path())),
            (String) values.get(ConfigSchema.NATIONAL_REANNOUNCE.path())),
        mail(values));
  }

  private static Storage storage(Map<String, Object> values) {
    Object filesDir = values.get(ConfigSchema.STORAGE_FILES_DIR.path());
    return new Storage(intValue(values, ConfigSchema.STORAGE_WORKERS),
        Storage.Backend.valueOf(((String) values.get(ConfigSchema.STORAGE_BACKEND.path())).toUpperCase(Locale.ROOT)),
        filesDir instanceof Path p ? p : (Path) values.get(ConfigSchema.DATA_DIR.path()),
        new Postgresql(
            (String) values.get(ConfigSchema.STORAGE_PG_HOST.path()),
            intValue(values, ConfigSchema.STORAGE_PG_PORT),
            (String) values.get(ConfigSchema.STORAGE_PG_DATABASE.path()),
            (String) values.get(ConfigSchema.STORAGE_PG_USER.path()),
            intValue(values, ConfigSchema.STORAGE_PG_POOL_SIZE),
            (String) values.get(ConfigSchema.STORAGE_PG_SSL.path()),
            (String) values.get(ConfigSchema.STORAGE_PASSWORD.path())));
  }

  private static Mail mail(Map<String, Object> values) {
    Path dataDir = (Path) values.get(ConfigSchema.DATA_DIR.path());
    Object directory = values.get(ConfigSchema.MAIL_DIRECTORY.path());
    Object keyFile = values.get(ConfigSchema.MAIL_DKIM_KEY_FILE.path());
    Mail.Dkim dkim = keyFile instanceof Path key
        ? new Mail.Dkim((String) values.get(ConfigSchema.MAIL_DKIM_DOMAIN.path()),
            (String) values.get(ConfigSchema.MAIL_DKIM_SELECTOR.path()), key)
        : null;
    return new Mail(
        Mail.Transport.valueOf(((String) values.get(ConfigSchema.MAIL_TRANSPORT.path())).toUpperCase(Locale.ROOT)),
        (String) values.get(ConfigSchema.MAIL_HOST.path()),
        intValue(values, ConfigSchema.MAIL_PORT),
        Mail.Security.valueOf(((String) values.get(ConfigSchema.MAIL_SECURITY.path())).toUpperCase(Locale.ROOT)),
        (String) values.get(ConfigSchema.MAIL_USER.path()),
        (String) values.get(ConfigSchema.MAIL_PASSWORD.path()),
        (String) values.get(ConfigSchema.MAIL_FROM.path()),
        intValue(values, ConfigSchema.MAIL_RATE),
        directory instanceof Path p ? p : dataDir.resolve("mail"),
        dkim);
  }

  private static java.util.List<String> splitList(String text) {
    if (text == null || text.isBlank()) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(text.split("[,\\s]+")).filter(t -> !t.isBlank()).toList();
  }

  private static int intValue(Map<String, Object> values, ConfigKey key) {
    return Math.toIntExact((Long) values.get(key.path()));
  }
}
