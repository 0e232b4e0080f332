/**
 * Medications (capability 10): the patient's medications and allergies as EHRs send them (imported without
 * duplicates); the medication list the care team keeps (every change kept); reconciliation at transitions or on
 * demand (signed ones locked by the database, publishing {@link org.caremap.medication.ReconciliationSigned});
 * pharmacy fills (FHIR MedicationDispense, CSV) and adherence as the proportion of days covered (publishing
 * {@link org.caremap.medication.AdherenceGapFound}); cost barriers; the patient's printable list in English and Spanish.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "chart", "fhir", "organization", "patient", "shared", "timeline", "transition" })
@org.jspecify.annotations.NullMarked
package org.caremap.medication;
