package org.caremap.task;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * A clock reached its warning or its breach (once each): who is to be told (chosen in this module, in one place) and
 * about what. The notification module turns it into alerts.
 */
public record ClockAlert(UUID instance, PatientId patient, String clock, Kind kind, Instant due, Set<UserId> recipients) {

	public enum Kind { WARNING, BREACH }

	public ClockAlert {
		recipients = Set.copyOf(recipients);
	}
}
