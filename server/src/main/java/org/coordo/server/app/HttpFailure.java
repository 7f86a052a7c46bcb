package org.coordo.server.app;

/**
 * Implemented by exceptions that know their HTTP status and a message that is safe to show to the
 * client (domain and service errors). The node's failure handler answers {@code {"error":
 * safeMessage, "status": status}}; the exception itself (and its cause) goes to the log only when
 * the status is 5xx. Vert.x Web's {@code HttpException} (final) is understood as well.
 */
public interface HttpFailure {

  int status();

  String safeMessage();
}
