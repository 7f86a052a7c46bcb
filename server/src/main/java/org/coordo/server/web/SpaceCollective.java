package org.coordo.server.web;

import java.util.List;

/** A collective in the members' space: its drafts and latest publications. */
public record SpaceCollective(String name, String displayName, List<PublicationView> items) {}
