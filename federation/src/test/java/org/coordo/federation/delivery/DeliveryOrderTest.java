package org.coordo.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryOrderTest {
  private static URI u(String s) {
    return URI.create(s);
  }

  @Test
  void takesOneInboxOfEachHostInTurnKeepingTheOrderWithinAHost() {
    List<URI> grouped = List.of(u("https://a.example/1"), u("https://a.example/2"), u("https://a.example/3"),
        u("https://b.example/1"), u("http://a.example:8080/1"), u("https://c.example/1"), u("https://c.example/2"));
    assertEquals(List.of(u("https://a.example/1"), u("https://b.example/1"), u("http://a.example:8080/1"),
            u("https://c.example/1"), u("https://a.example/2"), u("https://c.example/2"), u("https://a.example/3")),
        DeliveryOrder.acrossHosts(grouped));
    assertEquals(List.of(), DeliveryOrder.acrossHosts(List.of()));
  }
}
