package org.coordo.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.coordo.server.error.ErrorResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FeedResponsesTest {
  private static final byte[] ICS = new IcsWriter("t").calendar("agenda", List.of(FeedFixtures.event()));

  /** A router like the node's: feed routes plus the node's failure handler. */
  private static Future<Integer> serve(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/feed.atom").handler(ctx -> {
      FeedQuery query = FeedQuery.parse(ctx.queryParams());
      List<FeedItem> items = List.of(FeedFixtures.call(), FeedFixtures.tricky()).stream()
          .filter(i -> query.matches(i, FeedFixtures.PARIS)).limit(query.limit()).toList();
      FeedResponses.send(ctx, FeedFormat.ATOM, new AtomWriter("Coordo", "t").write(FeedFixtures.meta(), items));
    });
    router.route("/event.ics").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> FeedResponses.sendCalendarFile(ctx, ICS, "01hx3 \"x\".ics"));
    router.route().failureHandler(new ErrorResponses(1 << 20));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> s.actualPort());
  }

  @Test
  void feedIsSentWithTypeEtagAndCacheControlThen304(Vertx vertx, VertxTestContext test) {
    WebClient client = WebClient.create(vertx);
    serve(vertx).compose(port -> client.get(port, "127.0.0.1", "/feed.atom").send().compose(first -> {
      test.verify(() -> {
        assertEquals(200, first.statusCode());
        assertEquals("application/atom+xml; charset=utf-8", first.getHeader("Content-Type"));
        assertEquals("public, max-age=300", first.getHeader("Cache-Control"));
        assertEquals(FeedResponses.etag(first.bodyAsBuffer().getBytes()), first.getHeader("ETag"));
        assertTrue(first.bodyAsString().contains("<entry>"));
      });
      String etag = first.getHeader("ETag");
      return Future.all(
          client.get(port, "127.0.0.1", "/feed.atom").putHeader("If-None-Match", etag).send(),
          client.get(port, "127.0.0.1", "/feed.atom").putHeader("If-None-Match", "\"other\", W/" + etag).send(),
          client.get(port, "127.0.0.1", "/feed.atom").putHeader("If-None-Match", "\"other\"").send(),
          client.get(port, "127.0.0.1", "/feed.atom?city=lyon").putHeader("If-None-Match", etag).send());
    })).onComplete(test.succeeding(all -> test.verify(() -> {
      HttpResponse<?> same = all.resultAt(0);
      assertEquals(304, same.statusCode());
      assertNull(same.body(), "no body on 304");
      assertEquals("public, max-age=300", same.getHeader("Cache-Control"));
      assertEquals(304, ((HttpResponse<?>) all.resultAt(1)).statusCode(), "weak tag in a list");
      assertEquals(200, ((HttpResponse<?>) all.resultAt(2)).statusCode());
      HttpResponse<?> filtered = all.resultAt(3);
      assertEquals(200, filtered.statusCode(), "other bytes, other tag");
      assertFalse(filtered.bodyAsString().contains("<entry>"));
      test.completeNow();
    })));
  }

  @Test
  void badFilterIs400WithTheReason(Vertx vertx, VertxTestContext test) {
    WebClient client = WebClient.create(vertx);
    serve(vertx).compose(port -> client.get(port, "127.0.0.1", "/feed.atom?from=notadate").send())
        .onComplete(test.succeeding(r -> test.verify(() -> {
          assertEquals(400, r.statusCode());
          assertEquals("from: expected a date like 2026-03-14", r.bodyAsJsonObject().getString("error"));
          test.completeNow();
        })));
  }

  @Test
  void singleEventIsACalendarFile(Vertx vertx, VertxTestContext test) {
    WebClient client = WebClient.create(vertx);
    serve(vertx).compose(port -> Future.all(client.get(port, "127.0.0.1", "/event.ics").send(),
            client.request(HttpMethod.HEAD, port, "127.0.0.1", "/event.ics").send()))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          HttpResponse<?> r = all.resultAt(0);
          assertEquals(200, r.statusCode());
          assertEquals("text/calendar; charset=utf-8", r.getHeader("Content-Type"));
          assertEquals("inline; filename=\"01hx3__x_.ics\"", r.getHeader("Content-Disposition"));
          assertEquals(new String(ICS, StandardCharsets.UTF_8), r.bodyAsString());
          HttpResponse<?> head = all.resultAt(1);
          assertEquals(200, head.statusCode());
          assertEquals(r.getHeader("ETag"), head.getHeader("ETag"));
          assertNull(head.body(), "HEAD has no body");
          test.completeNow();
        })));
  }

  @Test
  void ifNoneMatchParsing() {
    String tag = FeedResponses.etag("x".getBytes(StandardCharsets.UTF_8));
    assertTrue(FeedResponses.matches("*", tag));
    assertTrue(FeedResponses.matches(" W/" + tag + " ", tag));
    assertFalse(FeedResponses.matches(null, tag));
    assertFalse(FeedResponses.matches("", tag));
    assertFalse(FeedResponses.matches(tag.substring(1), tag), "quotes matter");
  }
}
