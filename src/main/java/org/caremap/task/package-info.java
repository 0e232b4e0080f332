/**
 * Coordination and follow-up: tasks with owners, windows and priorities, team queues, escalation of overdue
 * work to the supervisor, and "My day", the case manager's worklist.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "assessment", "audit", "caseload", "chart", "fhir", "identity", "organization", "patient", "program", "shared", "transition" })
@org.jspecify.annotations.NullMarked
package org.caremap.task;
