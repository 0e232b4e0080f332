package org.caremap.assessment;

import java.util.List;
import java.util.Optional;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/**
 * The instrument catalog. Shipped files seed the versions at start; an administrator's edit is stored as a new
 * version (the latest version of a key is the one new assessments use). Changing needs the ADMIN role.
 */
public interface Instruments {

	/** The latest version of every instrument, by title. */
	List<Instrument> current();

	Optional<Instrument> current(String key);

	Optional<Instrument> version(String key, int seq);

	List<InstrumentVersionView> versions(String key);

	/** Stores an edited definition as the instrument's new version; refuses a definition that does not parse. */
	Instrument addVersion(String json, String note);

	List<ReassessmentRule> rules();

	ReassessmentRule saveRule(ProgramId program, String instrumentKey, int everyDays, List<String> whileCodes,
			@Nullable String whileLabel);

	void disableRule(java.util.UUID rule);
}
