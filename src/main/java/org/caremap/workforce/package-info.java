/**
 * Staff credentials and training (capability 14): each member of staff's licences and certifications with their
 * expiry, the trainings the organisation requires (HIPAA yearly and those an administrator defines, each with a
 * period) and when each person completed them; reminders 60 and 30 days before something expires or falls due,
 * published once each as {@link org.caremap.workforce.CredentialExpiring} for the notification module to tell the
 * person and their supervisors; the supervisor's view of the team's standing. An expired licence (or none, for a
 * person who must hold one) keeps new cases from that person: {@link org.caremap.workforce.Credentials#mayTakeNewCases}
 * is asked by the caseload module, which this module never depends on.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "organization", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.workforce;
