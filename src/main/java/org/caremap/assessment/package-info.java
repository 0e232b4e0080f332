/**
 * Assessment: standard scored instruments (PHQ-2/9, GAD-7, AUDIT-C, the AHC HRSN social needs screen, Katz ADL,
 * Lawton IADL, LACE) and the comprehensive case-management assessment. Instruments are data: Questionnaire-shaped
 * JSON files with their scoring rules, versioned, and editable by an administrator. Assessments are work: assigned
 * with a due date, saved part way, completed, expired, and scheduled again by program rules. Scores raise flags,
 * urgent tasks, social needs and care-plan suggestions.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "caseload", "chart", "community", "fhir", "identity", "organization", "patient", "program", "shared", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.assessment;
