package org.caremap.medication;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One drug of a reconciliation with what each column says of it (absent where the column does not have it), the
 * discrepancies found, and the decision with its reason and the dose that follows.
 */
public record ReconciliationLine(UUID id, int position, @Nullable UUID listItem, @Nullable String rxnormCode, String name,
		@Nullable DrugClass drugClass, @Nullable Column current, @Nullable Column discharge, @Nullable Column patient,
		@Nullable String prescriber, Set<Discrepancy> discrepancies, @Nullable Decision decision,
		@Nullable String reason, @Nullable Column result, @Nullable Instant decidedAt, @Nullable String decidedBy) {

	/** Dose, route and frequency as one column has them. */
	public record Column(@Nullable String dose, @Nullable String route, @Nullable String frequency) {

		public String how() {
			StringBuilder s = new StringBuilder();
			for (String part : new String[] { dose, route, frequency }) {
				if (part == null) continue;
				if (!s.isEmpty()) s.append(" · ");
				s.append(part);
			}
			return s.toString();
		}

		public boolean sameAs(Column other) {
			return norm(dose).equals(norm(other.dose)) && norm(route).equals(norm(other.route))
					&& norm(frequency).equals(norm(other.frequency));
		}

		private static String norm(@Nullable String s) {
			return s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
		}
	}

	public boolean decided() {
		return decision != null;
	}
}
