package org.caremap.quality.internal;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** Whose figures and over which days (both inclusive): a program, a team, a case manager, or all of them. */
public record QualityFilter(@Nullable ProgramId program, @Nullable UUID team, @Nullable UserId caseManager, LocalDate from,
		LocalDate to) {

	public QualityFilter {
		if (from == null || to == null || to.isBefore(from)) throw new IllegalArgumentException("a period from one day to a later one");
	}

	/** The same filter for every program. */
	public QualityFilter withoutProgram() {
		return new QualityFilter(null, team, caseManager, from, to);
	}

	public QualityFilter over(LocalDate start, LocalDate end) {
		return new QualityFilter(program, team, caseManager, start, end);
	}
}
