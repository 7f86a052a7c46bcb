package org.coordo.server.service.publication;

import org.coordo.server.data.StoreCalls;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.coordo.federation.Uris;
import org.coordo.server.convert.PublicationActivities;
import org.coordo.server.convert.PublicationApiConverter;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.publication.BlockRepository;
import org.coordo.server.data.publication.MediaRepository;
import org.coordo.server.data.publication.MemberCalendarRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.data.publication.ReactionRepository;
import org.coordo.server.data.publication.ReplyRepository;
import org.coordo.server.text.HtmlSanitizer;
import org.coordo.server.text.MarkdownRenderer;
import org.coordo.server.text.TextWork;
import org.coordo.storage.KvStore;

/**
 * Collective publishing, wired: repositories on the node's store, services, converters. Built once
 * per node (the node assembly, or a test); everything here is stateless apart from the store.
 */
public final class Publishing {
  public final Clock clock;
  public final PublicationUris uris;
  public final PublicationAsConverter as;
  public final PublicationApiConverter api;
  public final PublicationRepository publications;
  public final ReplyRepository replies;
  public final ReactionRepository reactions;
  public final MediaRepository mediaRepository;
  public final BlockRepository blocks;
  public final PublicationService service;
  public final MediaService media;
  public final ReplyService replyService;
  public final ModerationService moderation;
  /** Members' private calendar links (issue 16). */
  public final MemberCalendars calendars;
  public final StoreCalls storage;
  /** The way out to federation, for activities that are not publications (e.g. answers to Join). */
  public final PublicationFederation federation;

  /**
   * @param store the node's open store (with {@code PublicationKeyspaces.ALL})
   * @param storage runs store code on a worker
   * @param federation publishes activities (the federation port's {@code publishAll})
   * @param ids time-sortable ids for publications and activities
   * @param mediaDir where attachments live ({@code dataDir/media})
   * @param text where Markdown is rendered and remote HTML sanitised (the node's {@code coordo-text} pool)
   */
  public Publishing(KvStore store, StoreCalls storage, PublicationFederation federation, Uris protocolUris,
      Clock clock, Supplier<String> ids, Path mediaDir, long maxMediaBytes, TextWork text) {
    this(store, storage, federation, protocolUris, clock, ids, mediaDir, maxMediaBytes, text,
        PublicationService.AuthorDefaults.NAMED);
  }

  /** @param authorDefaults each collective's "publish as the collective" setting (accounts) */
  public Publishing(KvStore store, StoreCalls storage, PublicationFederation federation, Uris protocolUris,
      Clock clock, Supplier<String> ids, Path mediaDir, long maxMediaBytes, TextWork text,
      PublicationService.AuthorDefaults authorDefaults) {
    this.clock = clock;
    this.storage = storage;
    this.federation = federation;
    this.uris = new PublicationUris(protocolUris);
    this.as = new PublicationAsConverter(uris);
    this.api = new PublicationApiConverter(uris);
    this.publications = new PublicationRepository(store);
    this.replies = new ReplyRepository(store);
    this.reactions = new ReactionRepository(store);
    this.mediaRepository = new MediaRepository(store);
    this.blocks = new BlockRepository(store);
    HtmlSanitizer sanitizer = new HtmlSanitizer();
    this.service = new PublicationService(storage, publications, mediaRepository, federation,
        new PublicationActivities(as), new MarkdownRenderer(sanitizer), text, protocolUris, clock, ids, authorDefaults);
    this.media = new MediaService(storage, mediaRepository, mediaDir, maxMediaBytes);
    this.replyService = new ReplyService(storage, publications, replies, reactions, blocks, uris, sanitizer, text, clock);
    this.moderation = new ModerationService(storage, replies, blocks, replyService, clock);
    this.calendars = new MemberCalendars(storage, new MemberCalendarRepository(store),
        new org.coordo.server.service.account.SecretTokens(), clock);
  }
}
