package org.caremap.appointment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an appointment stands, and the actions that move it: the transition table, guarded in SQL (an action
 * changes only an appointment in one of the statuses it starts from).
 */
public enum AppointmentStatus {
	PROPOSED, BOOKED, ARRIVED, NO_SHOW, CANCELLED, RESCHEDULED;

	/** Whether it may still happen (not kept, missed, cancelled or moved). */
	public boolean open() {
		return this == PROPOSED || this == BOOKED;
	}

	/** An action on an appointment: the statuses it may start from and the status it leads to. */
	public enum Action {
		BOOK(EnumSet.of(PROPOSED), BOOKED),
		ARRIVE(EnumSet.of(BOOKED), ARRIVED),
		NO_SHOW(EnumSet.of(BOOKED), AppointmentStatus.NO_SHOW),
		CANCEL(EnumSet.of(PROPOSED, BOOKED), CANCELLED),
		RESCHEDULE(EnumSet.of(PROPOSED, BOOKED), RESCHEDULED);

		private final Set<AppointmentStatus> from;
		private final AppointmentStatus to;

		Action(Set<AppointmentStatus> from, AppointmentStatus to) {
			this.from = Set.copyOf(from);
			this.to = to;
		}

		public Set<AppointmentStatus> from() {
			return from;
		}

		public AppointmentStatus to() {
			return to;
		}

		public boolean allowedFrom(AppointmentStatus status) {
			return from.contains(status);
		}
	}
}
