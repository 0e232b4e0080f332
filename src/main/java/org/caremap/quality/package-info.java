/**
 * Outcome measures (capability 15): what a program can prove. Its own read model (cases, stays, contacts, referrals)
 * is filled by listeners of the other modules' events; the dashboard counts on it per program, team, case manager
 * and period (with a comparison period), each figure with its definition, numerator, denominator and a drill-down
 * to the patients behind it that the viewer may read (audited); CSV and XLSX exports; a monthly summary of counts
 * (no patient data) published as {@link org.caremap.quality.MonthlySummary} for the notification module to e-mail.
 * Nothing depends on this module but the demo and the notification module's listener of that summary.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "appointment", "assessment", "audit", "careplan", "caseload", "community", "contact",
		"identity", "medication", "organization", "patient", "platform", "program", "referral", "shared", "transition", "utilization" })
@org.jspecify.annotations.NullMarked
package org.caremap.quality;
