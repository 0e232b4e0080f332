/**
 * Self-reported measures (part of capability 13): readings of blood pressure, weight, glucose, mood and steps that
 * the patient or a proxy enters in the portal or a staff member enters on the chart, charted on both, served as FHIR
 * {@code Observation}s (US Core vital signs, survey and activity); the limits a program sets for them, and
 * {@link org.caremap.measure.MeasureOutOfRange} when a reading falls outside the limits of a program the patient is
 * enrolled in (the task module makes the case manager's task). A separate module rather than part of the portal:
 * staff record readings too, and the task module listens to them while the portal calls the task module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "caseload", "chart", "fhir",
		"identity", "organization", "patient", "program", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.measure;
