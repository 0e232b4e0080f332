package org.caremap.team;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A member of a case's care team from outside the organisation, as recorded. */
public record MemberView(UUID id, CaseId caseId, MemberKind kind, String name, String role, @Nullable String organization,
		@Nullable String phone, @Nullable String email, ContactWay preferred, NewMember.@Nullable Source source,
		@Nullable UserId account, LocalDate from, @Nullable LocalDate to, @Nullable String endReason) {

	/** Whether the member is on the team on this day. */
	public boolean activeOn(LocalDate day) {
		return !from.isAfter(day) && (to == null || to.isAfter(day));
	}
}
