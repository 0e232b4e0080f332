/**
 * Program budgets and the cost of care: a budget per program and year with its lines (care-management staff time,
 * purchased services, transport, flexible funds), kept by a supervisor or an administrator; the cost of what the plans
 * arrange booked against it from the owning modules' events (authorized units at the payer's or the contract's rate,
 * community services with a fee, transport to appointments, and the minutes of logged contacts), as a commitment when
 * arranged and as spend when delivered; the supervisor's page of budget against spend and commitments by month and by
 * line; and the patient's own share of each arranged service (free, a copay, a fee, a sliding scale, or not known),
 * shown beside the care plan's interventions and told in plain words on the patient's copy (through
 * {@code chart.InterventionNotes}, so the care plan does not depend on this module). Nothing depends on this module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "appointment", "audit", "caseload", "chart",
		"community", "contact", "identity", "organization", "patient", "program", "shared", "utilization" })
@org.jspecify.annotations.NullMarked
package org.caremap.budget;
