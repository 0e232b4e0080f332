/**
 * Community resources: the directory of organisations, services and locations (imported from Open Referral HSDS 3.0
 * files or kept by staff), the search a case manager uses to find a service for a patient's social need (need,
 * language, distance, hours, eligibility, free text, ranked with its reasons), and closed-loop referrals to those
 * services (the HL7 SDOH Clinical Care shapes: a ServiceRequest with its fulfilment Task), answered by the
 * organisation through a single-referral link or over FHIR. Publishes CommunityReferralSent, CommunityReferralUpdated,
 * CommunityReferralClosed and CommunityReferralUnanswered; the {@code task}, {@code notification}, {@code assessment}
 * and {@code careplan} modules listen.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "caseload", "chart", "fhir", "identity", "organization", "patient", "platform", "program", "referral", "shared", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.community;
