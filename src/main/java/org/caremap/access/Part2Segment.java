package org.caremap.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What one reader sees of one patient's 42 CFR Part 2 records: the patient's cases in substance-use programs (every
 * record made in one of them carries the program's sensitivity), and on what ground the reader sees them, if at
 * all. A record labelled by itself (a diagnosis recorded as Part 2) follows the same ground.
 *
 * @param cases the patient's cases in Part 2 programs, open or closed
 * @param reach why the reader sees the records, or {@link Reach#WITHHELD}
 * @param consent the consent to disclose the reader sees them under ({@link Reach#CONSENT})
 * @param reason the emergency's stated reason ({@link Reach#BREAK_GLASS})
 */
public record Part2Segment(Set<UUID> cases, Reach reach, @Nullable UUID consent, @Nullable String reason) {

	/** The ground a reader sees a patient's Part 2 records on. */
	public enum Reach {
		/** the reader cares for the patient within the program (its case manager, case team, a supervisor of it) */
		INSIDE,
		/** the patient's consent to disclose names the reader and the purpose */
		CONSENT,
		/** the reader broke the glass in an emergency, with a reason */
		BREAK_GLASS,
		/** the patient reads their own record */
		PATIENT,
		/** Caremap's own jobs (figures, reminders), which show no record to anyone outside it */
		CAREMAP,
		/** none of the above: the records are withheld and counted */
		WITHHELD
	}

	public Part2Segment {
		cases = Set.copyOf(cases);
	}

	/** Whether the reader sees the patient's Part 2 records. */
	public boolean shown() {
		return reach != Reach.WITHHELD;
	}

	/** Whether a record made in this case is withheld from the reader. */
	public boolean withholds(@Nullable UUID caseId) {
		return reach == Reach.WITHHELD && caseId != null && cases.contains(caseId);
	}

	/** Whether a record labelled Part 2 by itself (not through a case) is withheld from the reader. */
	public boolean withholdsLabelled() {
		return reach == Reach.WITHHELD;
	}

	/** Whether a record made in this case carries the Part 2 label (on pages and in FHIR {@code meta.security}). */
	public boolean labels(@Nullable UUID caseId) {
		return caseId != null && cases.contains(caseId);
	}

	/**
	 * Whether what is shown must carry the notice against redisclosure (42 CFR 2.32): records seen under a consent
	 * to disclose.
	 */
	public boolean needsNotice() {
		return reach == Reach.CONSENT;
	}

	/** The case ids whose records the reader may not see (empty when they see them all). */
	public Set<UUID> withheldCases() {
		return reach == Reach.WITHHELD ? cases : Set.of();
	}

	/** The rows the reader sees, and how many were withheld, for rows made in a case (or in none). */
	public <T> Filtered<T> filter(List<T> rows, Function<T, @Nullable UUID> caseOf) {
		if (reach != Reach.WITHHELD || cases.isEmpty()) return new Filtered<>(rows, 0);
		List<T> shown = new ArrayList<>(rows.size());
		int withheld = 0;
		for (T row : rows) {
			if (withholds(caseOf.apply(row))) withheld++;
			else shown.add(row);
		}
		return new Filtered<>(shown, withheld);
	}

	/** Rows left after withholding, and how many were withheld (a page says so; a FHIR search counts them). */
	public record Filtered<T>(List<T> shown, int withheld) {

		public Filtered {
			shown = List.copyOf(shown);
		}
	}
}
