package org.coordo.federation;

/**
 * Recognises the failures that mean "the client sent a body no parser can read" rather than a bug:
 * what Netty's form and multipart decoders throw while Vert.x Web's {@code BodyHandler} reads a
 * request (bad percent-escapes, a part without a name, a field over the decoder's size limit). Both
 * the federation routes' failure handler and the node's answer them 400 with {@link #MESSAGE}.
 */
public final class MalformedRequest {
  /** The safe message of a body that does not decode. */
  public static final String MESSAGE = "malformed request body: the form or multipart data does not decode";

  private static final String DECODERS = "io.netty.handler.codec.http.multipart.";

  private MalformedRequest() {}

  /** Whether {@code failure} (or a cause) was thrown by Netty's form/multipart body decoder. */
  public static boolean isUndecodableBody(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().startsWith(DECODERS)) {
        return true;
      }
      // thrown by a helper the decoder called (e.g. Netty's hex decoding of a form field)
      StackTraceElement[] trace = t.getStackTrace();
      for (int i = 0; i < Math.min(trace.length, 8); i++) {
        if (trace[i].getClassName().startsWith(DECODERS)) {
          return true;
        }
      }
    }
    return false;
  }
}
