/**
 * Utilization management: prior authorization requests to the patient's payer (service, procedure or revenue codes
 * with units, diagnoses, providers, dates, urgency, clinical notes and documents), the payer's decision per line with
 * the decision clock the payer owes (per-payer rules with their source), the units that visits use and the
 * re-authorization they call for, denials and their appeals (letter as PDF, filing deadline from the payer's rule),
 * peer-to-peer reviews, what a care-plan intervention depends on, turnaround per payer, and FHIR Claim /
 * ClaimResponse (Da Vinci PAS shapes) and CoverageEligibilityRequest / Response. The {@code task} module makes the
 * follow-up work from its events (an overdue decision, a re-authorization due, an appeal to file).
 * <p>
 * Concurrent review of inpatient stays. Every open inpatient stay of a covered patient (learnt
 * from the hospital feed's events) is in a reviewer's queue with its payer, day of stay, expected length of stay and
 * next review date (business days); the reviewer records reviews (level of care, criteria set by name, medical
 * necessity, avoidable days, discharge barriers), and a discharge closes the review. The reviewer is given a care
 * relationship of kind utilization review through the access module, so that a reviewer sees only the patients they
 * review. The {@code task} module makes the review work from this module's events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "appointment", "audit", "chart", "fhir", "identity", "organization", "patient", "shared", "timeline", "transition" })
@org.jspecify.annotations.NullMarked
package org.caremap.utilization;
