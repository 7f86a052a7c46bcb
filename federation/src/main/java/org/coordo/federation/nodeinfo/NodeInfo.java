package org.coordo.federation.nodeinfo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.Uris;
import org.coordo.federation.ActorType;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.spi.UsageProvider;
import org.coordo.federation.spi.UsageProvider.Usage;

/**
 * NodeInfo documents: the {@code /.well-known/nodeinfo} discovery links and the 2.1 and 2.0
 * documents (schemas at {@code http://nodeinfo.diaspora.software/ns/schema/2.x}). 2.0 differs only
 * in its version and in allowing no {@code software.repository}/{@code homepage}.
 */
public final class NodeInfo {
  public static final String SCHEMA_21 = "http://nodeinfo.diaspora.software/ns/schema/2.1";
  public static final String SCHEMA_20 = "http://nodeinfo.diaspora.software/ns/schema/2.0";
  public static final String SOFTWARE_NAME = "coordo";
  /** FEP-2677: the discovery link naming the instance actor ({@code Application}), as Mobilizon and Gancio serve it. */
  public static final String APPLICATION_REL = "https://www.w3.org/ns/activitystreams#Application";

  private final FederationConfig config;
  private final Uris uris;
  private final UsageProvider usage;

  public NodeInfo(FederationConfig config, Uris uris, UsageProvider usage) {
    this.config = config;
    this.uris = uris;
    this.usage = usage;
  }

  /** Default usage: local Person actors (all counted as active), no posts. */
  public static UsageProvider defaultUsage(LocalActors actors) {
    return () -> actors.list().map(list -> {
      long persons = list.stream().filter(a -> a.type() == ActorType.Person).count();
      return new Usage(persons, persons, persons, 0);
    });
  }

  /** {@code Content-Type} of a document of the given version ("2.1" or "2.0"). */
  public static String contentType(String version) {
    return "application/json; profile=\"" + schema(version) + "#\"";
  }

  /** The discovery document served at {@code /.well-known/nodeinfo}, with the FEP-2677 instance actor link. */
  public JsonObject wellKnown() {
    return new JsonObject().put("links", new JsonArray()
        .add(new JsonObject().put("rel", SCHEMA_21).put("href", uris.base() + "/nodeinfo/2.1"))
        .add(new JsonObject().put("rel", SCHEMA_20).put("href", uris.base() + "/nodeinfo/2.0"))
        .add(new JsonObject().put("rel", APPLICATION_REL).put("href", uris.instanceActor().toString())));
  }

  /** The document of version "2.1" or "2.0". */
  public Future<JsonObject> document(String version) {
    if (!"2.1".equals(version) && !"2.0".equals(version)) {
      return Future.failedFuture(new org.coordo.federation.FederationException(404, "unknown NodeInfo version"));
    }
    return usage.usage().map(u -> {
      JsonObject software = new JsonObject()
          .put("name", SOFTWARE_NAME)
          .put("version", config.softwareVersion());
      JsonObject metadata = new JsonObject();
      config.nodeMetadata().forEach(metadata::put);
      if (config.nodeName() != null) {
        metadata.put("nodeName", config.nodeName());
      }
      return new JsonObject()
          .put("version", version)
          .put("software", software)
          .put("protocols", new JsonArray().add("activitypub"))
          .put("services", new JsonObject()
              .put("inbound", new JsonArray())
              .put("outbound", new JsonArray().add("atom1.0").add("rss2.0")))
          .put("openRegistrations", false)
          .put("usage", new JsonObject()
              .put("users", new JsonObject()
                  .put("total", u.totalUsers())
                  .put("activeHalfyear", u.activeHalfyear())
                  .put("activeMonth", u.activeMonth()))
              .put("localPosts", u.localPosts()))
          .put("metadata", metadata);
    });
  }

  private static String schema(String version) {
    return "2.0".equals(version) ? SCHEMA_20 : SCHEMA_21;
  }
}
