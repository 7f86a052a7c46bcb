package org.coordo.server.data.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.coordo.server.convert.Fixtures;
import org.coordo.server.domain.Audience;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.junit.jupiter.api.Test;

/** The audience of a publication is stored; records written before issue 16 are read as public. */
class AudienceRecordTest {

  @Test
  void aRecordWrittenBeforeMembersOnlyPublicationsLoadsAsPublic() {
    JsonObject record = new JsonObject(new String(
        PublicationRecordCodec.encode(Fixtures.event(EventStatus.Scheduled)), StandardCharsets.UTF_8));
    record.remove("audience");
    assertFalse(record.containsKey("audience"), "public records keep the old shape");
    Publication p = PublicationRecordCodec.decode(record.encode().getBytes(StandardCharsets.UTF_8));
    assertEquals(Audience.PUBLIC, p.audience());
  }

  @Test
  void aMembersOnlyPublicationStaysMembersOnlyAfterARoundTrip() {
    Publication p = Fixtures.event(EventStatus.Scheduled).withAudience(Audience.MEMBERS);
    assertEquals(Audience.MEMBERS, PublicationRecordCodec.decode(PublicationRecordCodec.encode(p)).audience());
    assertEquals(Audience.MEMBERS,
        PublicationRecordCodec.decode(PublicationRecordCodec.encode(p.tombstone(p.createdAt()))).audience());
  }
}
