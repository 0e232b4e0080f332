/**
 * Who may see and change which patient's record: role plus relationship (you see the patients you care for).
 * Relationships are recorded here by the modules that create them (caseload, care team).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "identity", "organization", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.access;
