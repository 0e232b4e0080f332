/**
 * The organisation, its teams and supervisors, and its business calendar (time zone, holidays).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "fhir", "identity", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.organization;
