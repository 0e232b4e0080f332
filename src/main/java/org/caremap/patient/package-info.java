/**
 * The patient registry: who the patient is, their identifiers with assigning authorities, their coded
 * conditions.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "chart", "fhir", "identity", "organization", "shared", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.patient;
