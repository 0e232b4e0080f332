/**
 * Programs: the kinds of case management an organisation runs (eligibility, cadence, confidentiality), as
 * configuration an administrator edits, with the supervisors responsible for each.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "identity", "organization", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.program;
