package org.caremap.patient;

import java.time.LocalDate;
import java.util.List;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Finding the patient a message from another system is about: first by identifier (value, and the assigning
 * authority when the sender names one), then by exact demographics (family and given name, birth date).
 */
public final class FeedMatch {

	private FeedMatch() {
	}

	public record Identifier(String value, @Nullable String authority) {
	}

	public record Query(List<Identifier> identifiers, @Nullable String familyName, @Nullable String givenName,
			@Nullable LocalDate birthDate) {
		public Query {
			identifiers = List.copyOf(identifiers);
		}
	}

	public enum How {
		IDENTIFIER, DEMOGRAPHICS, NONE, AMBIGUOUS
	}

	/** The patient found (how), or none, or several (the message then waits for a person). */
	public record Result(How how, @Nullable PatientId patient, List<PatientId> candidates) {
		public Result {
			candidates = List.copyOf(candidates);
		}

		public boolean matched() {
			return patient != null;
		}
	}
}
