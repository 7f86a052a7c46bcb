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

  /**
   * As {@link #isUndecodableBody(Throwable)}, knowing the request: a failure that carries no stack trace at all, on a
   * form or multipart request, is the body's too. HotSpot drops the stack of an exception (a {@code
   * NullPointerException}, say) that hot code throws again and again ({@code -XX:+OmitStackTraceInFastThrow}, on by
   * default), and a stream of broken bodies makes the decoding of form data exactly such hot code, whether the
   * decoder or a handler reading the half-decoded form throws: without this, the same broken body answered 400 at
   * first and 500 once the JIT had compiled that code. (A real bug on a form route that had thrown thousands of
   * times would also read as 400 here; the first of its failures, with their stacks, are 500s and logged.)
   *
   * @param contentType the request's {@code Content-Type}, or null
   */
  public static boolean isUndecodableBody(Throwable failure, String contentType) {
    if (isUndecodableBody(failure)) {
      return true;
    }
    if (failure == null || contentType == null || failure.getStackTrace().length > 0) {
      return false;
    }
    String type = contentType.toLowerCase(java.util.Locale.ROOT);
    return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
  }
}
