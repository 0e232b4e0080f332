/**
 * Transitions of care: hospital ADT feeds in (HL7 v2 over MLLP, HTTP and file import), every raw message kept,
 * matched to patients, turned into encounters on the timeline and into work: alerts on admission, the
 * transitions-of-care clocks after a discharge, follow-up after an ED visit, readmission flags, and the outreach
 * list of recent discharges of patients no program has yet.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "assessment", "audit", "chart", "fhir", "identity", "organization", "patient", "shared", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.transition;
