/**
 * Cases (an enrolment of a patient in a program, an episode of care): case manager, status, consent to care
 * management, acuity, case team; the case manager's caseload and the supervisor's view of every caseload, with
 * reassignment.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "chart", "fhir", "identity", "organization", "patient", "program", "referral", "shared", "timeline", "workforce" })
@org.jspecify.annotations.NullMarked
package org.caremap.caseload;
