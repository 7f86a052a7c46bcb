package org.coordo.server.web.map;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers written into SVG attributes: one decimal, a dot, no exponent, whatever the locale. */
final class SvgNumbers {
  private SvgNumbers() {}

  static String format(double v) {
    return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
