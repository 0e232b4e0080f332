/**
 * Contacts and documentation: every call, visit and message with its outcome and minutes, the tasks it
 * completes, and the cadence it restarts when the patient was reached.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "caseload", "chart", "fhir", "identity", "organization", "patient", "shared", "task", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.contact;
