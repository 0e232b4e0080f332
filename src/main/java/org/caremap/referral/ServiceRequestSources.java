package org.caremap.referral;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Other referrals served as FHIR ServiceRequest besides the program referrals this module holds (the community
 * module's referrals to community services): the one ServiceRequest provider asks each source for an id it does not
 * know, and for a patient's requests after its own. Each source checks access and audits. It is declared here because
 * the community module depends on this one (caseload already does), never the other way round.
 */
public interface ServiceRequestSources {

	Optional<ServiceRequest> read(UUID id);

	/** The patient's requests from this source, newest first. */
	List<ServiceRequest> ofPatient(PatientId patient);
}
