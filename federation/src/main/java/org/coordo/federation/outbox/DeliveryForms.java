package org.coordo.federation.outbox;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.coordo.federation.host.SoftwareFamily;
import org.coordo.federation.vocab.As;

/**
 * Which servers get which activity of one published change, so that each follower server receives the one form it
 * understands (FEP-1b12 for groups):
 *
 * <ul>
 *   <li>an {@code Announce} embedding another activity of the change (FEP-1b12's form) goes to {@link
 *       SoftwareFamily#GROUP_AWARE} servers;
 *   <li>an {@code Announce} of the URI of an object another activity of the change carries (a plain boost) goes to
 *       {@link SoftwareFamily#MICROBLOG} servers, which fetch the object by its URI;
 *   <li>an activity the change also announces embedded goes to microblog servers only when the change has no plain
 *       boost of its object (an {@code Update}, a {@code Delete}), never to group-aware servers (they get it
 *       wrapped);
 *   <li>anything else (a single activity, an answer to a follow, the national node's boosts) goes to everyone.
 * </ul>
 *
 * Servers of unknown software ({@link SoftwareFamily#OTHER}) get every activity of the change. So a group's new
 * publication ({@code Create}, {@code Announce{Create}}, {@code Announce{object URI}}) costs one activity per known
 * server: the boost for Mastodon and its kin, the wrapped {@code Create} for Lemmy and its kin.
 */
final class DeliveryForms {
  private DeliveryForms() {}

  private static final Set<SoftwareFamily> EVERYONE = EnumSet.allOf(SoftwareFamily.class);

  /** The audience of each activity of a change, in order. */
  static List<Set<SoftwareFamily>> audiences(List<JsonObject> change) {
    int n = change.size();
    List<Set<SoftwareFamily>> out = new ArrayList<>();
    boolean[] wrapped = new boolean[n];
    boolean[] boosted = new boolean[n];
    for (int i = 0; i < n; i++) {
      out.add(EVERYONE);
    }
    for (int i = 0; i < n; i++) {
      JsonObject a = change.get(i);
      if (!"Announce".equals(As.typeOf(a))) {
        continue;
      }
      Object object = a.getValue("object");
      if (object instanceof JsonObject embedded) {
        int j = indexOfId(change, embedded.getString("id"), i);
        if (j >= 0) {
          wrapped[j] = true;
          out.set(i, EnumSet.of(SoftwareFamily.GROUP_AWARE, SoftwareFamily.OTHER));
        }
      } else if (object instanceof String uri) {
        int j = indexOfObject(change, uri, i);
        if (j >= 0) {
          boosted[j] = true;
          out.set(i, EnumSet.of(SoftwareFamily.MICROBLOG, SoftwareFamily.OTHER));
        }
      }
    }
    for (int j = 0; j < n; j++) {
      if (wrapped[j]) {
        out.set(j, boosted[j] ? EnumSet.of(SoftwareFamily.OTHER)
            : EnumSet.of(SoftwareFamily.MICROBLOG, SoftwareFamily.OTHER));
      }
    }
    return out;
  }

  private static int indexOfId(List<JsonObject> change, String id, int except) {
    for (int j = 0; id != null && j < change.size(); j++) {
      if (j != except && id.equals(change.get(j).getString("id"))) {
        return j;
      }
    }
    return -1;
  }

  /** The activity (not an Announce) whose object has this id. */
  private static int indexOfObject(List<JsonObject> change, String objectId, int except) {
    for (int j = 0; j < change.size(); j++) {
      JsonObject a = change.get(j);
      if (j != except && !"Announce".equals(As.typeOf(a)) && objectId.equals(As.idOf(a.getValue("object")))) {
        return j;
      }
    }
    return -1;
  }
}
