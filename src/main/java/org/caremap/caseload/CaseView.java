package org.caremap.caseload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A case with its history. */
public record CaseView(CaseId id, PatientId patient, ProgramId program, @Nullable String referralId, UserId caseManager,
		CaseStatus status, LocalDate startDate, @Nullable String holdReason, @Nullable LocalDate holdUntil,
		@Nullable LocalDate closedOn, @Nullable String closeReason, @Nullable String outcome, Acuity acuity,
		String acuityReason, @Nullable Consent consent, List<Step> history, List<TeamMember> team) {

	public CaseView {
		history = List.copyOf(history);
		team = List.copyOf(team);
	}

	/** One change on the case (status, acuity, case manager) with who made it and why. */
	public record Step(String kind, @Nullable String from, String to, @Nullable String note, Instant at, String by) {
	}

	/** Someone who works the case besides its case manager. */
	public record TeamMember(java.util.UUID id, UserId user, String role, LocalDate from, @Nullable LocalDate to) {
	}
}
