package org.coordo.federation;

/** The ActivityStreams actor types this node hosts (and Mastodon accepts). */
public enum ActorType {
  Person,
  Group,
  Application,
  Organization,
  Service
}
