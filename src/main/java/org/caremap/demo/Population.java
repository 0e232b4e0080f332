package org.caremap.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * A synthetic organisation of any size for load and scale work: the demo generator's people with their history
 * (cases, care plans, tasks, contacts, notes, referrals, hospital stays, audit trail), loaded in bulk into an
 * empty database.
 */
public interface Population {

	/** Loads {@code patients} patients generated from {@code seed}, reporting progress; refuses a database with data. */
	Summary load(int patients, long seed, PrintStream progress);

	/** What was loaded: rows per table, and how long each phase took. */
	record Summary(int patients, Map<String, Long> rows, Map<String, Duration> phases, Duration took) {
	}
}
