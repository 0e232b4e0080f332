package org.caremap.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * A secure message was posted in a case's thread. {@code staff} are the recipients on the organisation's staff,
 * {@code outside} the members from outside who have a Caremap account (told by e-mail, without patient details). Keyed
 * by the message id.
 */
public record MessagePosted(UUID message, UUID thread, PatientId patient, UserId author, String authorName, boolean urgent,
		List<UserId> staff, List<UserId> outside, Instant postedAt) {

	public MessagePosted {
		staff = List.copyOf(staff);
		outside = List.copyOf(outside);
	}
}
