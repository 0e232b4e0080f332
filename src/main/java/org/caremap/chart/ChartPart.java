package org.caremap.chart;

/**
 * Something a module shows on a chart page it does not own (a fact in the header, a panel on the summary): the
 * module's own fragment draws it, reading the value as {@code part}. Parts in one place are shown by order.
 */
public record ChartPart(int order, String template, String fragment, Object value) {
}
