/**
 * The patient chart: the sticky header with the key facts and flags, and the tabs (summary, timeline, support
 * network, coverage, cases) that bring each module's part of the record together.
 */
@org.jspecify.annotations.NullMarked
package org.caremap.chart;
