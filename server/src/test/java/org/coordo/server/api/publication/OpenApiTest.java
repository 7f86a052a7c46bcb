package org.coordo.server.api.publication;

import static io.vertx.core.http.HttpMethod.GET;
import static org.coordo.server.api.publication.PublishingHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {
  @TempDir Path dir;

  @Test
  void everyMountedRouteIsDescribedInTheServedDocument() throws Exception {
    try (PublishingHarness h = new PublishingHarness(dir)) {
      var r = await(h.request(GET, "/api/openapi.json", null).send());
      assertEquals(200, r.statusCode());
      JsonObject doc = r.bodyAsJsonObject();
      assertEquals("3.1.0", doc.getString("openapi"));
      JsonObject paths = doc.getJsonObject("paths");
      assertTrue(h.routes.mounted().size() > 25);
      for (PublicationRoutes.Mounted m : h.routes.mounted()) {
        JsonObject path = paths.getJsonObject(m.path());
        assertNotNull(path, "path missing from openapi.json: " + m.path());
        assertNotNull(path.getJsonObject(m.method().name().toLowerCase(Locale.ROOT)),
            "operation missing from openapi.json: " + m.method() + " " + m.path());
      }
      // and nothing described that is not mounted
      for (String p : paths.fieldNames()) {
        assertTrue(h.routes.mounted().stream().anyMatch(m -> m.path().equals(p)), "described but not mounted: " + p);
      }
    }
  }
}
