package org.caremap.caseload;

import java.time.LocalDate;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** One case on a caseload list. Last contact and next due item are filled once contacts and tasks exist. */
public record CaseloadRow(CaseId id, PatientId patient, ProgramId program, UserId caseManager, CaseStatus status,
		Acuity acuity, LocalDate startDate, @Nullable LocalDate lastContact, @Nullable LocalDate nextDue) {
}
