package org.coordo.server.domain.publication;

/** Reactions we count. Byte codes are part of key layouts: never renumber. */
public enum ReactionType {
  LIKE((byte) 1),
  ANNOUNCE((byte) 2),
  REPLY((byte) 3);

  private final byte code;

  ReactionType(byte code) {
    this.code = code;
  }

  public byte code() {
    return code;
  }
}
