package org.coordo.federation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SoftwareFamilyTest {

  @Test
  void nodeInfoSoftwareNamesMapToWhatTheServerUnderstands() {
    assertEquals(SoftwareFamily.MICROBLOG, SoftwareFamily.of("mastodon"));
    assertEquals(SoftwareFamily.MICROBLOG, SoftwareFamily.of(" GoToSocial "));
    assertEquals(SoftwareFamily.MICROBLOG, SoftwareFamily.of("sharkey"));
    assertEquals(SoftwareFamily.GROUP_AWARE, SoftwareFamily.of("lemmy"));
    assertEquals(SoftwareFamily.GROUP_AWARE, SoftwareFamily.of("coordo"));
    assertEquals(SoftwareFamily.OTHER, SoftwareFamily.of("friendica"));
    assertEquals(SoftwareFamily.OTHER, SoftwareFamily.of(null));
  }

  @Test
  void theNewestNodeInfo2LinkIsFollowedAndOthersIgnored() {
    URI origin = URI.create("https://masto.example");
    JsonObject discovery = new JsonObject().put("links", new JsonArray()
        .add(new JsonObject().put("rel", "http://nodeinfo.diaspora.software/ns/schema/2.0").put("href", "/nodeinfo/2.0"))
        .add(new JsonObject().put("rel", "https://nodeinfo.diaspora.software/ns/schema/2.1")
            .put("href", "https://masto.example/nodeinfo/2.1"))
        .add(new JsonObject().put("rel", "http://nodeinfo.diaspora.software/ns/schema/1.0").put("href", "/ni/1.0"))
        .add(new JsonObject().put("rel", "http://nodeinfo.diaspora.software/ns/schema/2.2").put("href", "ftp://x/y")));
    assertEquals(URI.create("https://masto.example/nodeinfo/2.1"), SoftwareLookup.documentLink(discovery, origin));
    assertNull(SoftwareLookup.documentLink(new JsonObject(), origin));
  }
}
