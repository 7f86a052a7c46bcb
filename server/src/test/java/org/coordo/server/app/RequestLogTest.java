package org.coordo.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestLogTest {
  @Test
  void invitationTokensAreMaskedInLoggedPaths() {
    assertEquals("/invitations/…", RequestLog.loggable("/invitations/Zk3-secret_token"));
    assertEquals("/api/invitations/…/accept", RequestLog.loggable("/api/invitations/Zk3-secret_token/accept"));
    assertEquals("/collectives/grenoble/events/01abc", RequestLog.loggable("/collectives/grenoble/events/01abc"));
  }
}
