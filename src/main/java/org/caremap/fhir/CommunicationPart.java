package org.caremap.fhir;

import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.param.DateRangeParam;
import org.hl7.fhir.r4.model.Communication;
import org.jspecify.annotations.Nullable;

/**
 * A part of the FHIR Communication resources kept by a module other than the one that serves them: the one
 * Communication provider (logged contacts, in {@code contact}) reads and searches its own rows and every part's (the
 * {@code team} module's secure messages), so that a client finds all of a patient's communications at one address.
 * A part checks the reader's access and audits what it returns.
 */
public interface CommunicationPart {

	/** The communication with this id if it is this part's and the reader may see it. */
	Optional<Communication> read(UUID id);

	/**
	 * This part's communications about the patient (null: every patient the reader may read) sent within the range,
	 * newest first then by id, as keys: at most {@code limit} of them, and how many there are in all. The provider
	 * merges the parts' keys with its own, then reads only the page's communications ({@link #read}).
	 */
	FhirSearch.Keys keys(@Nullable UUID patient, @Nullable DateRangeParam sent, int limit);
}
