/**
 * Transitions of care: hospital ADT feeds in (HL7 v2 over MLLP, HTTP and file import), every raw message kept,
 * matched to patients, turned into encounters on the timeline with LACE at discharge and readmission flags, and
 * published as events (admitted, ED visit, discharged, cancelled) for the modules that make work and alerts of them;
 * the recent visits the outreach list is made of.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "assessment", "audit", "caseload", "chart", "fhir", "identity", "organization", "patient", "shared", "team", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.transition;
