package org.caremap.team;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A case the current user may put on a conference's agenda (for the forms): whose, and its acuity. */
public record ConferenceCase(CaseId caseId, PatientId patient, String patientName, @Nullable String recordNumber, Acuity acuity) {
}
