package org.coordo.federation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedRequestTest {
  private static final String MULTIPART = "multipart/form-data; boundary=x";

  /** A NullPointerException as HotSpot throws it from hot code: no stack trace. */
  private static NullPointerException withoutStack() {
    NullPointerException e = new NullPointerException();
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }

  @Test
  void aFailureWithoutStackOnAFormRequestIsTheBodys() {
    assertTrue(MalformedRequest.isUndecodableBody(withoutStack(), MULTIPART));
    assertTrue(MalformedRequest.isUndecodableBody(withoutStack(), "application/x-www-form-urlencoded"));
  }

  @Test
  void anythingElseIsNot() {
    assertFalse(MalformedRequest.isUndecodableBody(withoutStack(), "application/json"), "not a form");
    assertFalse(MalformedRequest.isUndecodableBody(withoutStack(), null));
    assertFalse(MalformedRequest.isUndecodableBody(new NullPointerException(), MULTIPART),
        "a failure with its stack is judged by its frames");
    assertFalse(MalformedRequest.isUndecodableBody(null, MULTIPART));
  }

  @Test
  void theDecodersOwnExceptionsStillCount() {
    IllegalArgumentException e = new IllegalArgumentException("bad escape");
    e.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("io.netty.handler.codec.http.multipart.HttpPostStandardRequestDecoder", "decode", null, 1)});
    assertTrue(MalformedRequest.isUndecodableBody(e, "application/json"));
  }
}
