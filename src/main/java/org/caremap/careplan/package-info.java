/**
 * Individualized care plan: one living plan per case with problems, short- and long-term goals in the patient's
 * words with measurable targets, interventions with owners, and barriers; every save a version with author and
 * reason, differences between any two versions, the patient's agreement, goal progress, evidence-based templates
 * suggested from assessment results, and a plain-language printable copy in the patient's language.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "assessment", "audit", "caseload", "chart", "community", "fhir", "identity", "organization", "patient", "program", "shared", "team", "task", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.careplan;
