package org.caremap.team;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Who acts for whom: the cover person of an absent owner during their cover period, and whoever is on call for a
 * program after hours. The task and notification modules ask here at the one place each chooses an owner or a
 * recipient; nothing else changes hands.
 */
public interface Cover {

	/** Why someone acts for another. */
	enum Kind {
		COVER, ON_CALL
	}

	/**
	 * An arrangement in force: its id ({@code ref}), who acts ({@code person}), until when, and for on call the number
	 * the person is reached on during the shift.
	 */
	record Acting(UUID ref, Kind kind, UserId person, Instant until, @Nullable String phone) {
	}

	/** The person who acts for the owner at that moment: their cover during a cover period, else the owner. */
	default UserId actingFor(UserId owner, Instant at) {
		return acting(owner, at).map(Acting::person).orElse(owner);
	}

	/**
	 * The owner's cover period in force at that moment, if any. When the cover person is away too, their own cover
	 * acts (followed a few steps, never round in a circle).
	 */
	Optional<Acting> acting(UserId owner, Instant at);

	/** Who is on call for the program at that moment. */
	default Optional<UserId> onCall(ProgramId program, Instant at) {
		return onCallShift(program, at).map(Acting::person);
	}

	/** The program's on-call shift in force at that moment (the latest to start when shifts overlap). */
	Optional<Acting> onCallShift(ProgramId program, Instant at);

	/**
	 * Who answers the program's on-call shift at that moment: the person on the rota, or, when they are away
	 * themselves (a cover period in force), their cover. One step only: the cover's own cover is not followed, so there
	 * is no chain and no circle. The arrangement stays the shift (its work goes back when the shift ends); a cover
	 * answering is reached by e-mail, not on the shift's number, which is the absent person's.
	 */
	Optional<Acting> onCallActing(ProgramId program, Instant at);

	/** Outside the organisation's business hours: a weekend, a holiday, or before the day starts or after it ends. */
	boolean afterHours(Instant at);

	/**
	 * Lets the person acting open the patient's record (they are given work or an alert about the patient) until the
	 * arrangement ends, unless they can already.
	 */
	void admit(Acting acting, PatientId patient);
}
