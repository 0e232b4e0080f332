/**
 * Care-management billing (capability 16): the minutes of the work itself (contacts, and the time entered once when
 * timed work is completed) recorded as work items; the codes' thresholds as data with their source and effective
 * year; the eligibility of each patient and month for CCM, complex CCM, PCM, TCM and behavioural health integration;
 * and the monthly worksheet per program and billing practitioner that a supervisor signs off, after which the
 * database refuses changes and corrections are new versions. Publishes {@link org.caremap.billing.WorksheetSigned}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "careplan", "caseload",
		"contact", "fhir", "identity", "organization", "patient", "program", "shared", "task" })
@org.jspecify.annotations.NullMarked
package org.caremap.billing;
