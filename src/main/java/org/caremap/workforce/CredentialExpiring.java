package org.caremap.workforce;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.UserId;

/**
 * A licence or certification expires, or a required training falls due, in {@code daysBefore} days (60 or 30) on
 * {@code dueOn}: published once per thing, due day and threshold, for the notification module to tell the person and
 * their supervisors. {@code what} names it ("RN licence (OH)", "HIPAA privacy and security"); {@code subject} is the
 * credential or the training requirement.
 */
public record CredentialExpiring(UserId user, Subject kind, UUID subject, String what, LocalDate dueOn, int daysBefore) {

	/** What falls due. */
	public enum Subject {
		LICENCE, CERTIFICATION, TRAINING
	}
}
