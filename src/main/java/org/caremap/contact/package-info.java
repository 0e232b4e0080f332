/**
 * Contacts and documentation: every call, visit and message with its outcome and minutes, the tasks it
 * completes, and the cadence it restarts when the patient was reached. A message the patient (or a proxy) writes to
 * the team in the portal is logged here as a portal-message contact that reached them (from the team module's event).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "caseload", "chart", "fhir", "identity", "organization", "patient", "shared", "task", "team", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.contact;
