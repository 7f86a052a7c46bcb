package org.coordo.server.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * Writes each message, whole (MIME, the same headers as over SMTP), as a {@code .eml} file into a
 * Maildir-like directory: first into {@code tmp/}, then moved into {@code new/}, so that a reader never
 * sees half a message. For the demo and for people who want to read what the node would send. A failure
 * to write (disk full) is temporary.
 */
public final class DirectoryTransport implements MailTransport {
  private final Vertx vertx;
  private final Path directory;
  private final String from;
  private final String heloName;
  private final Clock clock;

  public DirectoryTransport(Vertx vertx, Path directory, String from, String heloName, Clock clock) {
    this.vertx = vertx;
    this.directory = directory;
    this.from = from;
    this.heloName = heloName;
    this.clock = clock;
  }

  /** Where the messages land. */
  public Path newMessages() {
    return directory.resolve("new");
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    String text = new MailEncoder(MailMessages.build(mail, from, clock.instant()), heloName).encode();
    String name = clock.millis() + "." + mail.messageId().replaceAll("[^A-Za-z0-9._-]", "_") + ".eml";
    return vertx.executeBlocking(() -> {
      try {
        Path tmp = Files.createDirectories(directory.resolve("tmp")).resolve(name);
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, Files.createDirectories(newMessages()).resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return null;
      } catch (IOException e) {
        throw MailFailure.temporary("cannot write to " + directory + ": " + e.getClass().getSimpleName(), e);
      }
    }, false);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
