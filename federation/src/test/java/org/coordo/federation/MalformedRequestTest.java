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
  void aFailureWithoutStackWhileAFormBodyIsReadIsTheDecoders() {
    assertTrue(MalformedRequest.isUndecodableBody(withoutStack(), MULTIPART, false));
    assertTrue(MalformedRequest.isUndecodableBody(withoutStack(), "application/x-www-form-urlencoded", false));
  }

  @Test
  void anythingElseIsNot() {
    assertFalse(MalformedRequest.isUndecodableBody(withoutStack(), MULTIPART, true), "the body was read: a bug later");
    assertFalse(MalformedRequest.isUndecodableBody(withoutStack(), "application/json", false), "not a form");
    assertFalse(MalformedRequest.isUndecodableBody(withoutStack(), null, false));
    assertFalse(MalformedRequest.isUndecodableBody(new NullPointerException(), MULTIPART, false),
        "a failure with its stack is judged by its frames");
    assertFalse(MalformedRequest.isUndecodableBody(null, MULTIPART, false));
  }

  @Test
  void theDecodersOwnExceptionsStillCount() {
    IllegalArgumentException e = new IllegalArgumentException("bad escape");
    e.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("io.netty.handler.codec.http.multipart.HttpPostStandardRequestDecoder", "decode", null, 1)});
    assertTrue(MalformedRequest.isUndecodableBody(e, "application/json", true));
  }
}
