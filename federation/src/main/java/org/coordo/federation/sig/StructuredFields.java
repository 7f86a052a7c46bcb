package org.coordo.federation.sig;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of RFC 8941 (Structured Field Values) that RFC 9421 needs: dictionaries whose members are inner
 * lists or items with parameters, and their canonical serialization. Decimals are not supported.
 */
final class StructuredFields {

  record Token(String value) {}

  record Item(Object value, Map<String, Object> params) {}

  record InnerList(List<Item> items, Map<String, Object> params) {}

  static final class ParseException extends Exception {
    ParseException(String message) {
      super(message);
    }
  }

  private final String in;
  private int pos;

  private StructuredFields(String in) {
    this.in = in;
  }

  /** Parses a dictionary; member values are {@link Item} or {@link InnerList}. */
  static Map<String, Object> parseDictionary(String input) throws ParseException {
    StructuredFields p = new StructuredFields(input);
    Map<String, Object> out = new LinkedHashMap<>();
    p.skipSpaces();
    while (!p.atEnd()) {
      String key = p.parseKey();
      Object member;
      if (p.peek() == '=') {
        p.pos++;
        member = p.parseItemOrInnerList();
      } else {
        member = new Item(Boolean.TRUE, p.parseParameters());
      }
      out.put(key, member);
      p.skipOws();
      if (p.atEnd()) {
        break;
      }
      p.expect(',');
      p.skipOws();
      if (p.atEnd()) {
        throw new ParseException("trailing comma");
      }
    }
    return out;
  }

  private Object parseItemOrInnerList() throws ParseException {
    if (peek() == '(') {
      pos++;
      List<Item> items = new ArrayList<>();
      while (true) {
        skipSpaces();
        if (atEnd()) {
          throw new ParseException("unterminated inner list");
        }
        if (peek() == ')') {
          pos++;
          return new InnerList(items, parseParameters());
        }
        items.add(new Item(parseBareItem(), parseParameters()));
        if (!atEnd() && peek() != ' ' && peek() != ')') {
          throw new ParseException("expected space or ')' in inner list at " + pos);
        }
      }
    }
    return new Item(parseBareItem(), parseParameters());
  }

  private Map<String, Object> parseParameters() throws ParseException {
    Map<String, Object> params = new LinkedHashMap<>();
    while (!atEnd() && peek() == ';') {
      pos++;
      skipSpaces();
      String key = parseKey();
      Object value = Boolean.TRUE;
      if (!atEnd() && peek() == '=') {
        pos++;
        value = parseBareItem();
      }
      params.put(key, value);
    }
    return params;
  }

  private Object parseBareItem() throws ParseException {
    if (atEnd()) {
      throw new ParseException("expected an item at end of input");
    }
    char c = peek();
    if (c == '"') {
      return parseString();
    }
    if (c == ':') {
      return parseBytes();
    }
    if (c == '?') {
      pos++;
      char b = atEnd() ? ' ' : in.charAt(pos++);
      if (b == '1') {
        return Boolean.TRUE;
      }
      if (b == '0') {
        return Boolean.FALSE;
      }
      throw new ParseException("bad boolean");
    }
    if (c == '-' || isDigit(c)) {
      return parseInteger();
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*') {
      int start = pos;
      while (!atEnd() && isTokenChar(peek())) {
        pos++;
      }
      return new Token(in.substring(start, pos));
    }
    throw new ParseException("unexpected character '" + c + "' at " + pos);
  }

  private String parseString() throws ParseException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (!atEnd()) {
      char c = in.charAt(pos++);
      if (c == '\\') {
        if (atEnd()) {
          throw new ParseException("bad escape in string");
        }
        char n = in.charAt(pos++);
        if (n != '"' && n != '\\') {
          throw new ParseException("bad escape in string");
        }
        sb.append(n);
      } else if (c == '"') {
        return sb.toString();
      } else if (c < 0x20 || c > 0x7e) {
        throw new ParseException("non-printable character in string");
      } else {
        sb.append(c);
      }
    }
    throw new ParseException("unterminated string");
  }

  private byte[] parseBytes() throws ParseException {
    pos++;
    int end = in.indexOf(':', pos);
    if (end < 0) {
      throw new ParseException("unterminated byte sequence");
    }
    String b64 = in.substring(pos, end);
    pos = end + 1;
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new ParseException("byte sequence is not base64");
    }
  }

  private Long parseInteger() throws ParseException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    while (!atEnd() && isDigit(peek())) {
      pos++;
    }
    if (!atEnd() && peek() == '.') {
      throw new ParseException("decimals are not supported");
    }
    String digits = in.substring(start, pos);
    if (digits.equals("-") || digits.length() > 16) {
      throw new ParseException("bad integer");
    }
    return Long.parseLong(digits);
  }

  private String parseKey() throws ParseException {
    if (atEnd() || !(isLcAlpha(peek()) || peek() == '*')) {
      throw new ParseException("expected a key at " + pos);
    }
    int start = pos;
    while (!atEnd()) {
      char c = peek();
      if (isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
        pos++;
      } else {
        break;
      }
    }
    return in.substring(start, pos);
  }

  /** RFC 8941 is ASCII: {@code Character.isLowerCase} / {@code isDigit} would let 'ø' or '١' through. */
  private static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7f && "\"(),;<=>?@[\\]{}".indexOf(c) < 0 || c == ':' || c == '/';
  }

  private boolean atEnd() {
    return pos >= in.length();
  }

  /** The next character, or NUL at the end of the input (which no check below accepts). */
  private char peek() {
    return atEnd() ? '\0' : in.charAt(pos);
  }

  private void expect(char c) throws ParseException {
    if (atEnd() || peek() != c) {
      throw new ParseException("expected '" + c + "' at " + pos);
    }
    pos++;
  }

  private void skipSpaces() {
    while (!atEnd() && peek() == ' ') {
      pos++;
    }
  }

  private void skipOws() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  // ---- serialization ----

  static String serialize(InnerList list) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < list.items().size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      serializeItem(list.items().get(i), sb);
    }
    sb.append(')');
    serializeParams(list.params(), sb);
    return sb.toString();
  }

  static String serialize(Item item) {
    StringBuilder sb = new StringBuilder();
    serializeItem(item, sb);
    return sb.toString();
  }

  private static void serializeItem(Item item, StringBuilder sb) {
    serializeBare(item.value(), sb);
    serializeParams(item.params(), sb);
  }

  private static void serializeParams(Map<String, Object> params, StringBuilder sb) {
    params.forEach((k, v) -> {
      sb.append(';').append(k);
      if (!Boolean.TRUE.equals(v)) {
        sb.append('=');
        serializeBare(v, sb);
      }
    });
  }

  private static void serializeBare(Object v, StringBuilder sb) {
    if (v instanceof String s) {
      sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (v instanceof Long || v instanceof Integer) {
      sb.append(v);
    } else if (v instanceof Token t) {
      sb.append(t.value());
    } else if (v instanceof Boolean b) {
      sb.append(b ? "?1" : "?0");
    } else if (v instanceof byte[] bytes) {
      sb.append(':').append(Base64.getEncoder().encodeToString(bytes)).append(':');
    } else {
      throw new IllegalArgumentException("cannot serialize " + v);
    }
  }
}
