package org.caremap.task;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.program.ProgramId;

/**
 * Service-level clocks: each program's clocks as configured (changing them needs the ADMIN role), and the running
 * clocks near or past their due time for the supervisors of their programs.
 */
public interface Clocks {

	/** The at-risk list counts up to this many; more shows as "more than". */
	int COUNT_CAP = 10_000;

	/** The program's clocks, the built-in ones first, retired ones last. */
	List<ClockView> ofProgram(ProgramId program);

	Optional<ClockView> find(ProgramId program, UUID clock);

	ClockView add(ProgramId program, ClockSettings settings);

	/** Changes a clock; stale when it changed since {@code version} was read. Applies to clocks started from now on. */
	ClockView change(ProgramId program, UUID clock, ClockSettings settings, int version);

	/** Retires a clock: it starts no more; running ones run to their end. */
	void retire(ProgramId program, UUID clock);

	/** Running and paused clocks at or past their warning, of the programs the reader supervises, soonest due first. */
	Page atRisk(int page, int size);

	record Page(List<ClockAtRisk> rows, long total, int page, int size) {
		public int pages() {
			return (int) Math.max(1, (total + size - 1) / size);
		}
	}
}
