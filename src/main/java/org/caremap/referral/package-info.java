/**
 * Referral and intake: referrals from providers, patients, families, payers, hospitals and outreach lists; the
 * queue; claiming, screening and deciding; re-opening.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "fhir", "identity", "organization", "patient", "program", "shared", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.referral;
