/**
 * Working as a team: the care team of a case inside and outside the organisation (Caremap users and people who are
 * not: a physician from the provider directory, a pharmacist, a community health worker, a family caregiver), secure
 * message threads per case, case conferences and team meetings whose decisions become tasks, and cover and on-call
 * (who acts for an absent case manager, who is on call after hours). Threads may be shared with the patient, who reads
 * and writes them in the portal ({@code PatientMessages}). Publishes MessagePosted, PatientMessagePosted and DecisionRecorded;
 * the {@code task}, {@code notification} and {@code timeline} paths listen or read through its API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "caseload", "chart", "fhir", "identity", "organization", "patient", "platform", "program", "shared", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.team;
