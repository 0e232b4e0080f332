package org.caremap.assessment;

import java.util.Map;

import org.caremap.shared.DomainException;

/** Answers that do not fit the instrument, per question link id with an error code (see {@link Scorer#problems}). */
public class AnswersRejected extends DomainException {

	private final transient Map<String, String> problems;

	public AnswersRejected(Map<String, String> problems) {
		super("assessment.answers", "some answers need attention: " + problems);
		this.problems = Map.copyOf(problems);
	}

	public Map<String, String> problems() {
		return problems;
	}
}
