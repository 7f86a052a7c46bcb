package org.coordo.federation.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.coordo.federation.host.SoftwareFamily;
import org.junit.jupiter.api.Test;

class DeliveryFormsTest {
  private static final Set<SoftwareFamily> ALL = EnumSet.allOf(SoftwareFamily.class);
  private static final String OBJECT = "https://grenoble.example/collectives/g/calls/1";

  private static JsonObject activity(String id, String type, Object object) {
    return new JsonObject().put("id", id).put("type", type).put("object", object);
  }

  @Test
  void aNewPublicationGoesAsABoostToMicroblogsAndWrappedToGroupAwareServers() {
    JsonObject create = activity("c", "Create", new JsonObject().put("id", OBJECT).put("type", "Article"));
    List<Set<SoftwareFamily>> audiences = DeliveryForms.audiences(List.of(create,
        activity("w", "Announce", create.copy()), activity("b", "Announce", OBJECT)));
    assertEquals(List.of(EnumSet.of(SoftwareFamily.OTHER),
        EnumSet.of(SoftwareFamily.GROUP_AWARE, SoftwareFamily.OTHER),
        EnumSet.of(SoftwareFamily.MICROBLOG, SoftwareFamily.OTHER)), audiences);
  }

  @Test
  void anUpdateGoesPlainToMicroblogsAndWrappedToGroupAwareServers() {
    JsonObject update = activity("u", "Update", new JsonObject().put("id", OBJECT).put("type", "Article"));
    assertEquals(List.of(EnumSet.of(SoftwareFamily.MICROBLOG, SoftwareFamily.OTHER),
        EnumSet.of(SoftwareFamily.GROUP_AWARE, SoftwareFamily.OTHER)),
        DeliveryForms.audiences(List.of(update, activity("w", "Announce", update.copy()))));
  }

  @Test
  void singleActivitiesAndBoostsOfOthersGoToEveryone() {
    assertEquals(List.of(ALL), DeliveryForms.audiences(List.of(activity("b", "Announce", "https://x.example/o/1"))));
    assertEquals(List.of(ALL, ALL), DeliveryForms.audiences(List.of(
        activity("c", "Create", new JsonObject().put("id", OBJECT)), activity("b", "Announce", "https://x.example/o/1"))));
  }
}
