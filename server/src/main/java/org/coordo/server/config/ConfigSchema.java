package org.coordo.server.config;

import java.util.List;
import java.util.Optional;
import org.coordo.federation.BodyBudget;

/**
 * Every configuration key of a node, in one place: path, type, default, description. The README's
 * configuration table is {@link #markdownTable()} (a test checks that they match); {@code ./coordo
 * config reference} prints it.
 */
public final class ConfigSchema {
  private ConfigSchema() {}

  public static final ConfigKey PORT = new ConfigKey("port", ValueType.integer(0, 65535), 8080,
      "TCP port of the HTTP server (0 picks a free port, written to the run file).");
  public static final ConfigKey BIND_ADDRESS = new ConfigKey("bindAddress", ValueType.host(), "127.0.0.1",
      "Address the HTTP server listens on; keep the loopback address behind a reverse proxy.");
  public static final ConfigKey DATA_DIR = new ConfigKey("dataDir", ValueType.writableDirectory(), "./data",
      "Directory of the node's data (database in `db/`, run file, control token); relative to the working directory.");
  public static final ConfigKey PUBLIC_URL = new ConfigKey("publicUrl", ValueType.baseUrl(), "http://localhost:8080",
      "The URL people and servers reach the node at (the https URL when behind a TLS proxy); part of every ActivityPub id. Left at its default, it follows `port` (`http://localhost:PORT`).");
  public static final ConfigKey ROLE = new ConfigKey("role", ValueType.oneOf("city", "national"), "city",
      "`city` for a local collective's node, `national` for the node that aggregates every city.");
  public static final ConfigKey NODE_NAME = new ConfigKey("node.name", ValueType.text(100, false), "Coordo",
      "Human name of the node, shown on its pages and in NodeInfo.");
  public static final ConfigKey NODE_DESCRIPTION = new ConfigKey("node.description", ValueType.text(2000, true), "",
      "One or two sentences about the node.");
  public static final ConfigKey FEDERATION_ALLOW_PRIVATE_ADDRESSES = new ConfigKey(
      "federation.allowPrivateAddresses", ValueType.bool(), false,
      "Whether fetches and deliveries may reach loopback and private addresses (local tests and demos only).");
  public static final ConfigKey FEDERATION_AUTHORIZED_FETCH = new ConfigKey(
      "federation.authorizedFetch", ValueType.bool(), false,
      "Whether reading actors and objects over ActivityPub requires an HTTP signature (Mastodon's secure mode).");
  public static final ConfigKey FEDERATION_MAX_BODY_BYTES = new ConfigKey(
      "federation.maxBodyBytes", ValueType.integer(1024, 64L * 1024 * 1024), 1048576,
      "Largest ActivityPub document accepted in an inbox, in bytes.");
  public static final ConfigKey HTTP_MAX_BODY_BYTES = new ConfigKey(
      "http.maxBodyBytes", ValueType.integer(1024, 1024L * 1024 * 1024), 2097152,
      "Largest request body the HTTP server reads, in bytes (413 above).");
  public static final ConfigKey HTTP_BODY_MEMORY_BYTES = new ConfigKey(
      "http.bodyMemoryBytes", ValueType.integer(1024L * 1024, 16L * 1024 * 1024 * 1024), BodyBudget.DEFAULT_CAPACITY,
      "Memory that the request bodies in flight may take together, read and parsed (a 1 MiB JSON body counts about "
          + "6 MiB), in bytes; beyond it requests get 503 with `Retry-After`. The default suits the launcher's `-Xmx256m`.");
  public static final ConfigKey HTTP_DRAIN_SECONDS = new ConfigKey(
      "http.drainSeconds", ValueType.integer(0, 300), 10,
      "On SIGTERM, how long in-flight requests may still run before the server closes.");
  public static final ConfigKey HTTP_BEHIND_PROXY = new ConfigKey(
      "http.behindProxy", ValueType.bool(), false,
      "Whether a reverse proxy forwards every request: the client address is then read from `X-Forwarded-For` "
          + "(login rate limits). Turn on only when the node is reachable through the proxy alone (loopback `bindAddress`).");
  public static final ConfigKey HTTP_EVENT_LOOPS = new ConfigKey(
      "http.eventLoops", ValueType.integer(0, 64), 0,
      "Event-loop threads serving HTTP, each with its own server on the shared port; 0 means one per CPU core.");
  public static final ConfigKey STORAGE_WORKERS = new ConfigKey(
      "storage.workers", ValueType.integer(1, 64), 4,
      "Threads of the `coordo-storage` worker pool that runs every database call.");

  // storage backend (helper "pg-node", issue 18; docs/ARCHITECTURE.md "Several processes, one node")
  public static final ConfigKey STORAGE_BACKEND = new ConfigKey(
      "storage.backend", ValueType.oneOf("rocksdb", "postgresql"), "rocksdb",
      "Where the node keeps its data: `rocksdb` (embedded, in `DATA_DIR/db`, one process) or `postgresql` (a "
          + "PostgreSQL database that several processes of the same node may share).");
  public static final ConfigKey STORAGE_FILES_DIR = new ConfigKey(
      "storage.filesDir", ValueType.optional(ValueType.writableDirectory()), "",
      "Where uploaded files live (`media/`, `toolbox/`); empty means `DATA_DIR`. With several processes on "
          + "PostgreSQL, a directory every process shares (each process keeps its own `dataDir`).");
  public static final ConfigKey STORAGE_PG_HOST = new ConfigKey(
      "storage.postgresql.host", ValueType.host(), "localhost", "PostgreSQL server host (`storage.backend` = `postgresql`).");
  public static final ConfigKey STORAGE_PG_PORT = new ConfigKey(
      "storage.postgresql.port", ValueType.integer(1, 65535), 5432, "PostgreSQL server port.");
  public static final ConfigKey STORAGE_PG_DATABASE = new ConfigKey(
      "storage.postgresql.database", ValueType.text(63, false), "coordo", "PostgreSQL database of the node.");
  public static final ConfigKey STORAGE_PG_USER = new ConfigKey(
      "storage.postgresql.user", ValueType.text(63, false), "coordo", "PostgreSQL login.");
  public static final ConfigKey STORAGE_PG_POOL_SIZE = new ConfigKey(
      "storage.postgresql.poolSize", ValueType.integer(1, 256), 8,
      "Connections each process keeps open to PostgreSQL (count them for every process against `max_connections`).");
  public static final ConfigKey STORAGE_PG_SSL = new ConfigKey(
      "storage.postgresql.ssl", ValueType.oneOf("disable", "require", "verify-full"), "disable",
      "TLS to PostgreSQL: `disable` (loopback or a private network), `require` (encrypted), `verify-full` "
          + "(encrypted, server certificate and host name checked against the JVM's trusted authorities).");
  public static final ConfigKey STORAGE_PASSWORD = new ConfigKey(
      "storage.password", ValueType.text(1000, true), "",
      "PostgreSQL password: from the environment only (`COORDO_STORAGE_PASSWORD`), refused in the configuration "
          + "file; or use `storage.postgresql.passwordFile`.");
  public static final ConfigKey STORAGE_PG_PASSWORD_FILE = new ConfigKey(
      "storage.postgresql.passwordFile", ValueType.optional(ValueType.readableFile()), "",
      "A file whose first line is the PostgreSQL password; used when `storage.password` is not set.");

  // national coordination (helper "national")
  public static final ConfigKey NATIONAL_GROUP = new ConfigKey(
      "national.group", ValueType.text(64, false), "national",
      "On a national node: actor name of the national `Group` (created at first start; followers approved by an admin).");
  public static final ConfigKey NATIONAL_FOLLOW = new ConfigKey(
      "national.follow", ValueType.text(10000, true), "",
      "On a national node: collectives the national group follows at start, handles (`@grenoble@grenoble.example`) or actor URLs separated by commas or spaces.");
  public static final ConfigKey NATIONAL_REANNOUNCE = new ConfigKey(
      "national.reannounce", ValueType.oneOf("all", "events-and-calls", "picked"), "events-and-calls",
      "On a national node: what the national group boosts to its followers: `all`, `events-and-calls`, or `picked` by an editor.");

  // mail (helper "mail-core"; docs/MAIL.md)
  public static final ConfigKey MAIL_TRANSPORT = new ConfigKey(
      "mail.transport", ValueType.oneOf("off", "smtp", "directory"), "off",
      "How the node sends mail: `off` (no mail: subscription forms and mail features are hidden), `smtp` (through "
          + "`mail.host`), or `directory` (writes each message as an `.eml` file under `mail.directory`, for demos).");
  public static final ConfigKey MAIL_HOST = new ConfigKey("mail.host", ValueType.host(), "localhost",
      "SMTP relay host (`mail.transport` = `smtp`).");
  public static final ConfigKey MAIL_PORT = new ConfigKey("mail.port", ValueType.integer(1, 65535), 587,
      "SMTP relay port: usually 587 with `starttls`, 465 with `tls`, 25 with `none`.");
  public static final ConfigKey MAIL_SECURITY = new ConfigKey(
      "mail.security", ValueType.oneOf("none", "starttls", "tls"), "starttls",
      "Encryption to the relay: `starttls` (required, the connection fails without it), `tls` (TLS from the first byte), "
          + "or `none` (loopback relays only).");
  public static final ConfigKey MAIL_USER = new ConfigKey("mail.user", ValueType.text(254, true), "",
      "SMTP login; empty for a relay that needs none.");
  public static final ConfigKey MAIL_PASSWORD = new ConfigKey("mail.password", ValueType.text(1000, true), "",
      "SMTP password: from the environment only (`COORDO_MAIL_PASSWORD`), refused in the configuration file; or use "
          + "`mail.passwordFile`.");
  public static final ConfigKey MAIL_PASSWORD_FILE = new ConfigKey(
      "mail.passwordFile", ValueType.optional(ValueType.readableFile()), "",
      "A file whose first line is the SMTP password (for secrets mounted as files); used when `mail.password` is not set.");
  public static final ConfigKey MAIL_FROM = new ConfigKey("mail.from", ValueType.optional(ValueType.mailAddress()), "",
      "Sender address of every message (`From`, with the node's or collective's name shown); required when mail is on.");
  public static final ConfigKey MAIL_RATE = new ConfigKey("mail.rate", ValueType.integer(1, 10000), 5,
      "Messages handed to the relay per second at most, for the whole node (a digest to thousands is spread out).");
  public static final ConfigKey MAIL_DIRECTORY = new ConfigKey(
      "mail.directory", ValueType.optional(ValueType.writableDirectory()), "",
      "With `mail.transport` = `directory`: where messages are written (`new/*.eml`); empty means `DATA_DIR/mail`.");
  public static final ConfigKey MAIL_DKIM_DOMAIN = new ConfigKey("mail.dkim.domain", ValueType.optional(ValueType.host()),
      "", "DKIM signing domain (`d=`); DKIM is on when domain, selector and key file are all set.");
  public static final ConfigKey MAIL_DKIM_SELECTOR = new ConfigKey(
      "mail.dkim.selector", ValueType.optional(ValueType.host()), "",
      "DKIM selector (`s=`): the public key is published at `SELECTOR._domainkey.DOMAIN`.");
  public static final ConfigKey MAIL_DKIM_KEY_FILE = new ConfigKey(
      "mail.dkim.keyFile", ValueType.optional(ValueType.readableFile()), "",
      "DKIM private key: an RSA key in a PEM PKCS#8 file (`-----BEGIN PRIVATE KEY-----`).");

  /** Every key, in the order of the README table and of {@code config check}. */
  public static final List<ConfigKey> KEYS = List.of(
      PORT, BIND_ADDRESS, DATA_DIR, PUBLIC_URL, ROLE, NODE_NAME, NODE_DESCRIPTION,
      FEDERATION_ALLOW_PRIVATE_ADDRESSES, FEDERATION_AUTHORIZED_FETCH, FEDERATION_MAX_BODY_BYTES,
      HTTP_MAX_BODY_BYTES, HTTP_BODY_MEMORY_BYTES, HTTP_DRAIN_SECONDS, HTTP_BEHIND_PROXY, HTTP_EVENT_LOOPS, STORAGE_WORKERS,
      STORAGE_BACKEND, STORAGE_FILES_DIR, STORAGE_PG_HOST, STORAGE_PG_PORT, STORAGE_PG_DATABASE, STORAGE_PG_USER,
      STORAGE_PG_POOL_SIZE, STORAGE_PG_SSL, STORAGE_PASSWORD, STORAGE_PG_PASSWORD_FILE,
      NATIONAL_GROUP, NATIONAL_FOLLOW, NATIONAL_REANNOUNCE,
      MAIL_TRANSPORT, MAIL_HOST, MAIL_PORT, MAIL_SECURITY, MAIL_USER, MAIL_PASSWORD, MAIL_PASSWORD_FILE, MAIL_FROM,
      MAIL_RATE, MAIL_DIRECTORY, MAIL_DKIM_DOMAIN, MAIL_DKIM_SELECTOR, MAIL_DKIM_KEY_FILE);

  /** Secrets: read from the environment only (a file that sets one is refused), never printed. */
  public static final List<ConfigKey> SECRETS = List.of(MAIL_PASSWORD, STORAGE_PASSWORD);

  public static Optional<ConfigKey> find(String path) {
    return KEYS.stream().filter(k -> k.path().equals(path)).findFirst();
  }

  /** Whether {@code path} is a group of keys ({@code node}, {@code federation}, …). */
  static boolean isGroup(String path) {
    return KEYS.stream().anyMatch(k -> k.path().startsWith(path + "."));
  }

  /** The configuration reference table of the README, one row per key. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Key | Environment variable | Default | Accepts | Meaning |\n");
    out.append("|---|---|---|---|---|\n");
    for (ConfigKey key : KEYS) {
      String def = key.defaultValue() instanceof String s ? (s.isEmpty() ? "(empty)" : "`" + s + "`")
          : "`" + key.defaultValue() + "`";
      out.append("| `").append(key.path()).append("` | `").append(key.envName()).append("` | ")
          .append(def).append(" | ").append(key.type().expected()).append(" | ")
          .append(key.description()).append(" |\n");
    }
    return out.toString();
  }
}
