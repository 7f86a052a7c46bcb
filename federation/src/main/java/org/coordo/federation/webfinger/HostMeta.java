package org.coordo.federation.webfinger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.coordo.federation.Uris;

/**
 * {@code /.well-known/host-meta} (XRD, RFC 6415) and {@code host-meta.json}: the LRDD template
 * pointing at WebFinger, still read by some older clients to find it.
 */
public final class HostMeta {
  public static final String XRD_CONTENT_TYPE = "application/xrd+xml; charset=utf-8";

  private final String template;

  public HostMeta(Uris uris) {
    this.template = uris.base() + "/.well-known/webfinger?resource={uri}";
  }

  public String xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
          <Link rel="lrdd" type="application/jrd+json" template="%s"/>
        </XRD>
        """.formatted(escapeXml(template));
  }

  public JsonObject json() {
    return new JsonObject().put("links", new JsonArray().add(new JsonObject()
        .put("rel", "lrdd").put("type", "application/jrd+json").put("template", template)));
  }

  static String escapeXml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
