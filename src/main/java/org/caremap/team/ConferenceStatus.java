package org.caremap.team;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case conference's record stands. A draft takes attendees, cases, notes and decisions; signing it locks it;
 * a draft may be cancelled. The same table is in the database ({@code conference_transition}); a change of status is
 * one update joined to it, and every edit is guarded on the draft status in SQL.
 */
public enum ConferenceStatus {
	DRAFT, SIGNED, CANCELLED;

	/** Whether the record still takes changes. */
	public boolean editable() {
		return this == DRAFT;
	}

	/** An action on a conference: the statuses it may start from and the status it leads to. */
	public enum Action {
		SIGN(EnumSet.of(DRAFT), SIGNED), CANCEL(EnumSet.of(DRAFT), CANCELLED);

		private final Set<ConferenceStatus> from;
		private final ConferenceStatus to;

		Action(Set<ConferenceStatus> from, ConferenceStatus to) {
			this.from = Set.copyOf(from);
			this.to = to;
		}

		public Set<ConferenceStatus> from() {
			return from;
		}

		public ConferenceStatus to() {
			return to;
		}

		public boolean allowedFrom(ConferenceStatus status) {
			return from.contains(status);
		}
	}
}
