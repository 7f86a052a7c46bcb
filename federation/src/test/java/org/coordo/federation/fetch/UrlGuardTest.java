package org.coordo.federation.fetch;

import org.coordo.federation.FetchException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UrlGuardTest {
  WorkerExecutor worker;

  @BeforeEach
  void setUp(Vertx vertx) {
    worker = vertx.createSharedWorkerExecutor("url-guard-test");
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  static InetAddress v6(String literal) throws Exception {
    return Inet6Address.getByAddress(null, InetAddress.getByName(literal).getAddress().length == 16
        ? InetAddress.getByName(literal).getAddress() : mapped(InetAddress.getByName(literal).getAddress()), -1);
  }

  static byte[] mapped(byte[] v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4, 0, b, 12, 4);
    return b;
  }

  static InetAddress nat64(String v4) throws Exception {
    byte[] b = new byte[16];
    b[1] = 0x64;
    b[2] = (byte) 0xff;
    b[3] = (byte) 0x9b;
    System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, b, 12, 4);
    return Inet6Address.getByAddress(null, b, -1);
  }

  @Test
  void refusesEveryNonPublicRange() throws Exception {
    for (String a : List.of("127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250", "0.0.0.0", "255.255.255.255",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1")) {
      Optional<String> why = UrlGuard.forbiddenAddress(InetAddress.getByName(a));
      assertTrue(why.isPresent(), a + " should be refused");
    }
    assertEquals(Optional.of("an IPv4-mapped a loopback address"), UrlGuard.forbiddenAddress(v6("127.0.0.1")));
    assertTrue(UrlGuard.forbiddenAddress(v6("10.0.0.1")).isPresent());
    assertTrue(UrlGuard.forbiddenAddress(v6("100.64.1.1")).isPresent());
    assertTrue(UrlGuard.forbiddenAddress(nat64("192.168.0.1")).isPresent());
    assertEquals(Optional.of("a carrier-grade NAT address (100.64/10)"), UrlGuard.forbiddenAddress(InetAddress.getByName("100.100.1.1")));
  }

  @Test
  void letsPublicAddressesThrough() throws Exception {
    for (String a : List.of("93.184.216.34", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
        "192.169.0.1", "2606:4700::1111", "2001:db8::1")) {
      assertEquals(Optional.empty(), UrlGuard.forbiddenAddress(InetAddress.getByName(a)), a);
    }
    assertEquals(Optional.empty(), UrlGuard.forbiddenAddress(v6("93.184.216.34")));
  }

  @Test
  void refusesOtherSchemesUserinfoAndHostlessUrls() {
    for (String u : List.of("ftp://example.com/a", "file:///etc/passwd", "gopher://example.com/", "/relative",
        "http://user:secret@example.com/", "http://user@example.com/", "https:///nohost")) {
      assertTrue(UrlGuard.syntaxProblem(URI.create(u)).isPresent(), u);
    }
    assertEquals(Optional.empty(), UrlGuard.syntaxProblem(URI.create("https://example.com:8443/actors/a?x=1")));
  }

  @Test
  void refusesLoopbackUnlessAllowed(VertxTestContext ctx) {
    UrlGuard strict = new UrlGuard(worker, false);
    UrlGuard lax = new UrlGuard(worker, true);
    strict.check(URI.create("http://127.0.0.1:8081/actor"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          FetchException e = assertInstanceOf(FetchException.class, err);
          assertEquals(FetchException.Reason.FORBIDDEN_URL, e.reason());
          assertEquals("refusing to fetch 127.0.0.1: it resolves to 127.0.0.1, a loopback address", e.getMessage());
          assertEquals(400, e.status());
        })))
        .recover(err -> strict.check(URI.create("http://[::1]:8081/actor")))
        .onComplete(ctx.failing(err -> ctx.verify(() ->
            assertEquals(FetchException.Reason.FORBIDDEN_URL, ((FetchException) err).reason()))))
        .recover(err -> strict.check(URI.create("http://localhost/actor")))
        .onComplete(ctx.failing(err -> ctx.verify(() ->
            assertEquals(FetchException.Reason.FORBIDDEN_URL, ((FetchException) err).reason()))))
        .recover(err -> lax.check(URI.create("http://127.0.0.1:8081/actor")))
        .onComplete(ctx.succeeding(addresses -> ctx.verify(() -> {
          assertEquals(InetAddress.getByName("127.0.0.1"), addresses.get(0));
          ctx.completeNow();
        })));
  }

  @Test
  void laxGuardStillRefusesBadSchemes(VertxTestContext ctx) {
    new UrlGuard(worker, true).check(URI.create("file:///etc/passwd"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(FetchException.Reason.FORBIDDEN_URL, ((FetchException) err).reason());
          ctx.completeNow();
        })));
  }
}
