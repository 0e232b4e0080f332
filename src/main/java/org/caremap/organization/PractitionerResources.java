package org.caremap.organization;

import java.util.Collection;

import org.hl7.fhir.r4.model.Reference;

/**
 * Staff and listed practitioners as FHIR resources for the FHIR answers of other modules: the case managers and
 * task owners a search's results refer to, returned with them when a client asks for {@code _include}.
 */
public interface PractitionerResources {

	/**
	 * Fills in the practitioner of each reference to {@code Practitioner/<id>}, reading each one once however many
	 * references name them; other references, and those to no known practitioner, stay as they are.
	 */
	void resolve(Collection<Reference> references);
}
