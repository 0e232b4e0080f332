package org.caremap.team;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;

/**
 * The care team outside the organisation. Adding or ending a member changes the case (write access to the patient's
 * record); listing them needs read access. A member with a Caremap account reaches the record as care team while they
 * are a member. Every change and read is audited.
 */
public interface Members {

	/** Adds a member to one of the patient's cases (refused unless the case is the patient's and open). */
	UUID add(PatientId patient, NewMember member);

	/** Ends the member's time on the team on this day (never deletes). */
	void end(PatientId patient, UUID member, LocalDate on, String reason);

	/** The members of the patient's cases, in the order they joined. */
	List<MemberView> ofPatient(PatientId patient);

	/** The members of these cases (for a page of FHIR CareTeam resources; read access checked by the caller). */
	Map<CaseId, List<MemberView>> ofCases(Collection<CaseId> cases);
}
