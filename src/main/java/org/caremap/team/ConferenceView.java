package org.caremap.team;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A case conference as the current user may see it: the cases on its agenda are only those whose patients the user
 * may read ({@code hiddenCases} counts the others, which show as a number and nothing more).
 */
public record ConferenceView(UUID id, String title, Instant startsAt, ConferenceStatus status, @Nullable UUID meeting,
		String facilitatorName, List<Attendee> attendees, List<Item> items, int hiddenCases, @Nullable String signedByName,
		@Nullable Instant signedAt, @Nullable String cancelReason, int version) {

	public ConferenceView {
		attendees = List.copyOf(attendees);
		items = List.copyOf(items);
	}

	/** Someone at the conference: a Caremap user (by id) or a person outside Caremap by name and role. */
	public record Attendee(UUID id, @Nullable UserId user, String name, @Nullable String role) {

		public boolean external() {
			return user == null;
		}
	}

	/** A case on the agenda, with why it was flagged, its notes and its decisions. */
	public record Item(UUID id, CaseId caseId, PatientId patient, String patientName, @Nullable String recordNumber,
			@Nullable String reasons, @Nullable String notes, List<Decision> decisions, boolean mayContribute) {

		public Item {
			decisions = List.copyOf(decisions);
		}
	}

	/** A decision about a case; with an owner and a due date it became a task. */
	public record Decision(UUID id, String text, @Nullable UserId owner, @Nullable String ownerName, @Nullable LocalDate dueOn,
			Instant at, String by) {
	}
}
