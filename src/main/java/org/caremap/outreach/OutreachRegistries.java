package org.caremap.outreach;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The saved registry rules and their evaluation (supervisors and administrators save rules). */
public interface OutreachRegistries {

	/** Saves a rule; a name already used by an active rule is refused. */
	UUID save(NewRule rule);

	/** The active rules, with their size today and their trend over the last days. */
	List<RuleView> rules();

	/**
	 * Evaluates every active rule as of {@code day}: replaces each rule's members and records its size for the day
	 * (running it again for the same day changes nothing but the count of runs). Returns the number of rules.
	 */
	int evaluate(LocalDate day);
}
