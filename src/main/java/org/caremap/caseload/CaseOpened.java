package org.caremap.caseload;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/** A patient was enrolled. */
public record CaseOpened(CaseId caseId, PatientId patient, ProgramId program, UserId caseManager) {
}
