/**
 * The demo organisation: staff with one account per role, and a deterministic synthetic population (seeded), so
 * that a newcomer sees a living system after one command. Later capabilities extend the same generator.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "appointment", "assessment", "audit", "billing", "budget", "careplan", "caseload", "community", "contact", "disclosure", "identity", "measure", "medication", "notification", "organization", "outreach", "patient", "platform", "portal", "program", "referral", "shared", "team", "task", "transition", "utilization", "workforce" })
@org.jspecify.annotations.NullMarked
package org.caremap.demo;
