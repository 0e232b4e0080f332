package org.caremap.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.UserId;

/**
 * Naming a cover person for a period (leave, a sick day). Only the absent person, their supervisor and
 * administrators manage someone's cover; a refusal is audited.
 */
public interface CoverPeriods {

	/** Names the cover; refused when the owner already has cover for part of that time. */
	UUID name(UserId owner, UserId cover, Instant from, Instant to, String reason);

	/** Ends the period now (or cancels it, when it has not started): what was given to the cover goes back. */
	void end(UUID period);

	/** The current user's periods: those for them and those they cover, current and coming first, then the recent past. */
	List<CoverPeriodView> mine(int limit);

	/** The periods of the people on the teams the current user supervises (all of them for an administrator). */
	List<CoverPeriodView> team(int limit);

	/** Whether the current user manages this person's cover (they themselves, their supervisor, an administrator). */
	boolean manages(UserId owner);

	/** Whom the current user may name cover for: themselves, the people they supervise, anyone for an administrator. */
	List<Person> owners();

	/** Who may cover: enabled users who work with patients. */
	List<Person> covers();

	/** A person to choose in a form. */
	record Person(UserId id, String name) {
	}

	/** Closes every period and shift whose end has passed (the job's sweep); returns how many. */
	int closeDue(Instant now);
}
