package org.coordo.server.web;

/**
 * An approved reply from the fediverse.
 *
 * @param html remote HTML, sanitised by the publishing service before it was stored
 */
public record ReplyView(String author, String authorUrl, String when, String html) {}
