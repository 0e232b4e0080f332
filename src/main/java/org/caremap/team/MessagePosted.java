package org.caremap.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * A secure message was posted in a case's thread. {@code staff} are the recipients on the organisation's staff,
 * {@code outside} the members from outside who have a Caremap account (told by e-mail, without patient details). Keyed
 * by the message id. {@code toPatient}: the care team wrote it in a thread shared with the patient (the portal tells the
 * patient, and the proxies who see the messages, that there is a new message).
 */
public record MessagePosted(UUID message, UUID thread, PatientId patient, UserId author, String authorName, boolean urgent,
		List<UserId> staff, List<UserId> outside, Instant postedAt, boolean toPatient) {

	public MessagePosted(UUID message, UUID thread, PatientId patient, UserId author, String authorName, boolean urgent,
			List<UserId> staff, List<UserId> outside, Instant postedAt) {
		this(message, thread, patient, author, authorName, urgent, staff, outside, postedAt, false);
	}

	public MessagePosted {
		staff = List.copyOf(staff);
		outside = List.copyOf(outside);
	}
}
