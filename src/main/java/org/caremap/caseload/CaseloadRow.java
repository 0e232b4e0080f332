package org.caremap.caseload;

import java.time.LocalDate;
import java.util.List;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * One case on a caseload list. Last contact, next due item and flags come from the modules that know them
 * ({@link CaseSignals}); the flags the most serious first.
 */
public record CaseloadRow(CaseId id, PatientId patient, ProgramId program, UserId caseManager, CaseStatus status,
		Acuity acuity, LocalDate startDate, @Nullable LocalDate lastContact, @Nullable LocalDate nextDue,
		List<CaseFlag> flags) {

	public CaseloadRow {
		flags = List.copyOf(flags);
	}

	/** The row before the other modules are asked. */
	public CaseloadRow(CaseId id, PatientId patient, ProgramId program, UserId caseManager, CaseStatus status,
			Acuity acuity, LocalDate startDate) {
		this(id, patient, program, caseManager, status, acuity, startDate, null, null, List.of());
	}
}
