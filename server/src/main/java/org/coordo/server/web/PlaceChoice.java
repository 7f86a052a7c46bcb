package org.coordo.server.web;

/** A place a collective's events used before, offered again by the event form (either part may be empty). */
public record PlaceChoice(String name, String address) {}
