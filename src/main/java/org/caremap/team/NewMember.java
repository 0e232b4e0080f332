package org.caremap.team;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A member of a case's care team from outside the organisation: who, in what role, for what period, how to reach
 * them; where they come from (one of the patient's providers or support contacts) and the Caremap account they sign in
 * with, if they have one.
 */
public record NewMember(CaseId caseId, MemberKind kind, String name, String role, @Nullable String organization,
		@Nullable String phone, @Nullable String email, ContactWay preferred, @Nullable Source source,
		@Nullable UserId account, LocalDate from, @Nullable LocalDate to) {

	/** Where a member was taken from in the patient's record. */
	public record Source(Kind kind, UUID id) {

		public enum Kind {
			PROVIDER, SUPPORT_CONTACT
		}
	}

	public NewMember {
		if (name == null || name.isBlank()) throw new IllegalArgumentException("a member has a name");
		if (role == null || role.isBlank()) throw new IllegalArgumentException("a member has a role");
	}
}
