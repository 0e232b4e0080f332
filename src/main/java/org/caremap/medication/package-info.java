/**
 * Medications (capability 10), first step: the patient's medications and allergies as EHRs send them, imported
 * without duplicates, shown on the chart and served over FHIR; reconciliation and adherence come later.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "chart", "fhir", "patient", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.medication;
