/**
 * Coordination and follow-up: tasks with owners, windows and priorities, team queues, escalation of overdue
 * work to the supervisor, and "My day", the case manager's worklist. The work other modules' events create is made
 * here, by listeners: after a hospital discharge (with the 30-day transition clocks) or ED visit, for assessments, for
 * authorizations (an overdue payer decision, a re-authorization, an appeal to file), and for the concurrent review
 * of inpatient stays.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "appointment", "assessment", "audit", "caseload", "chart", "community", "fhir", "identity", "measure", "medication", "organization", "patient", "program", "referral", "shared", "team", "transition", "utilization" })
@org.jspecify.annotations.NullMarked
package org.caremap.task;
