package org.caremap.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * An assessment with its answers and, once completed, its result; {@code atHome}: assigned for the patient to answer in
 * the patient portal; {@code part2}: made in a case of a 42 CFR Part 2 program (shown with the label).
 */
public record AssessmentView(UUID id, PatientId patient, @Nullable CaseId caseId, String instrumentKey, int instrumentSeq,
		String instrumentTitle, String instrumentVersion, AssessmentStatus status, LocalDate dueOn, Answers answers,
		@Nullable Respondent respondent, @Nullable ScoreResult result, Instant assignedAt, String assignedBy,
		@Nullable Instant startedAt, @Nullable Instant completedAt, @Nullable String completedBy,
		@Nullable String closedReason, int version, boolean atHome, boolean part2) {

	public boolean overdue(LocalDate today) {
		return status.open() && dueOn.isBefore(today);
	}
}
