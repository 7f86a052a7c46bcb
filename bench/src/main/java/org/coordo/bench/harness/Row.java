package org.coordo.bench.harness;

/**
 * One line of the harness's table.
 *
 * @param scenario e.g. {@code inbox ingest}
 * @param figure what was measured, with its unit
 * @param value the measured value, formatted
 * @param target the target from the Performance issue, or {@code -} when there is none
 * @param met {@code yes}, {@code NO} or {@code -}
 */
record Row(String scenario, String figure, String value, String target, String met) {

  static Row info(String scenario, String figure, String value) {
    return new Row(scenario, figure, value, "-", "-");
  }

  static Row atLeast(String scenario, String figure, double value, double target, String format) {
    return new Row(scenario, figure, String.format(format, value), ">= " + String.format(format, target),
        value >= target ? "yes" : "NO");
  }

  static Row atMost(String scenario, String figure, double value, double target, String format) {
    return new Row(scenario, figure, String.format(format, value), "<= " + String.format(format, target),
        value <= target ? "yes" : "NO");
  }
}
