package org.caremap.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** What a completed assessment's answers mean: scores with their bands and everything the rules raised. */
public record ScoreResult(List<Score> scores, boolean positive, List<Flag> flags, List<Need> needs,
		List<String> suggestions, List<String> assign, List<String> messages, List<Scoring.TaskSpec> tasks) {

	public ScoreResult {
		scores = List.copyOf(scores);
		flags = List.copyOf(flags);
		needs = List.copyOf(needs);
		suggestions = List.copyOf(suggestions);
		assign = List.copyOf(assign);
		messages = List.copyOf(messages);
		tasks = List.copyOf(tasks);
	}

	public Optional<Score> score(String id) {
		return scores.stream().filter(s -> s.id().equals(id)).findFirst();
	}

	/** The instrument's headline score (the total), if it has one. */
	public Optional<Score> primary() {
		return scores.stream().filter(Score::primary).findFirst();
	}

	public boolean urgent() {
		return flags.stream().anyMatch(f -> f.severity() == Scoring.Severity.URGENT);
	}

	/** One computed score; {@code detail} explains it where the number alone does not (which conditions counted). */
	public record Score(String id, String label, @Nullable String code, boolean primary, @Nullable BigDecimal value,
			@Nullable String bandCode, @Nullable String bandLabel, @Nullable String detail) {
		public @Nullable Integer intValue() {
			return value == null ? null : value.intValue();
		}
	}

	public record Flag(String code, Scoring.Severity severity, String label) {
	}

	public record Need(String code, String label, @Nullable String loinc) {
	}
}
