package org.caremap.task;

import java.time.LocalDate;
import java.util.List;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * The timeliness of transitions for the discharges of a span of days: for each case manager and in all, how many
 * discharges, how many contacts, reconciliations and visits were met on time, late, or are missed, and how many
 * periods support a TCM code.
 */
public record Timeliness(LocalDate from, LocalDate to, List<Line> lines, Line total) {

	/** One case manager's figures (no case manager: the total). */
	public record Line(@Nullable UserId caseManager, String name, int discharges, int contactOnTime, int contactLate,
			int contactMissed, int reconciliationOnTime, int reconciliationMissed, int visitOnTime, int visitLate, int visitMissed,
			int tcmSupported) {

		/** A share of the discharges, in whole percent (0 with none). */
		public int percent(int count) {
			return discharges == 0 ? 0 : Math.round(100f * count / discharges);
		}
	}
}
