/**
 * Utilization management: concurrent review of inpatient stays. Every open inpatient stay of a covered patient (learnt
 * from the hospital feed's events) is in a reviewer's queue with its payer, day of stay, expected length of stay and
 * next review date (business days); the reviewer records reviews (level of care, criteria set by name, medical
 * necessity, avoidable days, discharge barriers), and a discharge closes the review. The reviewer is given a care
 * relationship of kind utilization review through the access module, so that a reviewer sees only the patients they
 * review. The {@code task} module makes the review work from this module's events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "chart", "identity", "organization", "patient", "shared", "timeline", "transition" })
@org.jspecify.annotations.NullMarked
package org.caremap.utilization;
