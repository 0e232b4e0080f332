/**
 * The patient and family portal (capability 13): portal accounts, a separate realm from staff (invited by the case
 * manager, own sign-in at {@code /portal/login}, own password and optional second factor), what a proxy may see
 * (the support network's disclosure level the patient chose, read at every request), and the portal's pages in the
 * patient's language. Nothing depends on this module: what the portal does in other modules goes through their
 * APIs, whose events those modules publish.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "appointment", "assessment", "audit",
		"careplan", "caseload", "chart", "community", "contact", "identity", "measure", "medication", "notification", "organization", "patient",
		"platform", "program", "shared", "task", "team", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.portal;
