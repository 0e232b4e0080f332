package org.caremap.patient;

import java.util.Collection;

import org.hl7.fhir.r4.model.Reference;

/**
 * Patients as FHIR resources for the FHIR answers of other modules: the patients a search's results refer to,
 * returned with them when a client asks for {@code _include}. Each patient is read through the registry as a
 * Patient read is (authorized and audited); a patient the caller may not read is left out.
 */
public interface PatientResources {

	/**
	 * Fills in the patient of each reference to {@code Patient/<id>}, reading each patient once however many
	 * references name them; other references, and those to patients the caller may not read, stay as they are.
	 */
	void resolve(Collection<Reference> references);
}
