/**
 * The patient chart's shell: the sticky header, the tabs, the summary, the refusal page with emergency access.
 * The chart shows what the modules contribute and owns no record of its own: the registry says who the patient
 * is ({@link org.caremap.chart.ChartSubjects}), each module adds its facts to the header
 * ({@link org.caremap.chart.ChartHeaderFacts}), declares its tabs ({@link org.caremap.chart.ChartTab}), and adds
 * its panels to the summary and to other modules' pages ({@link org.caremap.chart.ChartPanels}), offers its
 * actions in the header ({@link org.caremap.chart.ChartAction}, going back through {@link org.caremap.chart.ReturnTo});
 * each module's
 * pages live in its own {@code web} package and are marked {@link org.caremap.chart.ChartPage}. So the chart
 * depends on nothing but access, identity and the shared kernel, and every module with chart pages depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "identity", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.chart;
