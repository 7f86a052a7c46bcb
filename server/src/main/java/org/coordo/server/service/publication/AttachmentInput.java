package org.coordo.server.service.publication;

/** An attachment named by a publication: a stored media hash and an optional description. */
public record AttachmentInput(String hash, String name) {}
