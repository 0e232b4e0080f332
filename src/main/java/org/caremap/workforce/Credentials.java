package org.caremap.workforce;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.identity.Role;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Staff credentials and training. A person reads and adds their own; their supervisor (of a team they are on) and
 * administrators read, add, renew and void them; administrators define the required trainings.
 */
public interface Credentials {

	/**
	 * Why this person may not take a new case on this day: a licence that expired and was not renewed, or none when
	 * they must hold one. Empty when they may. Asked by the caseload module on enrolment and reassignment; needs no
	 * permission and reveals only the reason.
	 */
	Optional<Refusal> mayTakeNewCases(UserId user, LocalDate on);

	/** Which of these people may not take a new case on this day (for choosing among them; one query). */
	java.util.Set<UserId> mayNotTakeNewCases(java.util.Collection<UserId> users, LocalDate on);

	/** One person's credentials and trainings as they stand today. */
	StaffCredentials of(UserId user);

	/** Records a credential of this person; returns its id. */
	UUID add(UserId user, NewCredential credential);

	/** Renews or corrects a credential (supervisor or administrator), if nobody changed it since {@code version}. */
	void change(UUID credential, int version, NewCredential changed);

	/** Voids a credential recorded in error (supervisor or administrator), with the reason. */
	void voidCredential(UUID credential, String reason);

	/** Records that this person completed a required training on a day. */
	void recordTraining(UserId user, UUID training, LocalDate completedOn);

	/** Whether this person must hold a valid licence to take cases (supervisor or administrator). */
	void requireLicence(UserId user, boolean required);

	/**
	 * Every person on the teams the signed-in supervisor supervises (every member of staff who works with patients
	 * for an administrator), with where they stand today.
	 */
	List<TeamMemberStanding> team();

	/** The required trainings, active first, by name. */
	List<TrainingRequirement> trainings();

	/** Defines a required training (administrator). */
	UUID defineTraining(String name, int periodMonths, @Nullable Role role);

	/** Retires a required training (administrator): nobody is asked for it any more. */
	void retireTraining(UUID training);
}
