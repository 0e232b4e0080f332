package org.caremap.caseload;

import java.util.Map;

import org.hl7.fhir.r4.model.CareTeam;

/**
 * A contribution to the case's FHIR CareTeam from a module that keeps more of the team than the case does (the
 * {@code team} module: members outside the organisation). The one CareTeam resource provider (in caseload) builds each
 * case's resource with its case managers and staff members, then hands the page of resources to every contributor, once
 * per page, to add their participants (contained resources where the member is not a Caremap user). Called after the
 * reader's access to each case's patient was checked.
 */
public interface CareTeamParticipants {

	void addTo(Map<CaseId, CareTeam> teams);
}
