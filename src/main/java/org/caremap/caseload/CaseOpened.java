package org.caremap.caseload;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/** A patient was enrolled, from this start date (the day the enrolment counts from, possibly before today). */
public record CaseOpened(CaseId caseId, PatientId patient, ProgramId program, UserId caseManager,
		java.time.LocalDate startDate) {
}
