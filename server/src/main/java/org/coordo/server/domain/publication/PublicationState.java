package org.coordo.server.domain.publication;

/** Where a publication stands. Drafts are never federated; deleted ones remain as tombstones. */
public enum PublicationState {
  DRAFT,
  PUBLISHED,
  DELETED
}
