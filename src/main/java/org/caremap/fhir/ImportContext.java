package org.caremap.fhir;

import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What an importer knows about the rest of the bundle: where its references point in Caremap (a reference may be
 * the entry's {@code fullUrl}, {@code urn:uuid:...}, {@code Patient/<id>} of the sending system, or a conditional
 * reference such as {@code Practitioner?identifier=...}), and the bundle's other resources (e.g. the Medication a
 * MedicationRequest refers to).
 */
public interface ImportContext {

	/** The Caremap patient a reference in the bundle points at, once the patient was imported. */
	Optional<UUID> patient(Reference reference);

	/** The Caremap reference ({@code Type/<id>}) a reference in the bundle points at, if it was imported. */
	Optional<String> resolve(Reference reference);

	/** A resource of the bundle by its reference (for resources only looked up, such as Medication). */
	Optional<Resource> resource(Reference reference);
}
