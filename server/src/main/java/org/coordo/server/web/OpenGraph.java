package org.coordo.server.web;

/** Open Graph tags of an object page ({@code og:type} is {@code article} or {@code website}). */
public record OpenGraph(String title, String description, String url, String type) {}
