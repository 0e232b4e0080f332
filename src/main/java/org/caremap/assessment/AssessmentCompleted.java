package org.caremap.assessment;

import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * An assessment was completed and scored: the care plan suggestions it makes, whether it raised an urgent flag, and
 * the follow-up work its instrument's rules ask for (a title, a priority such as {@code STAT}, and hours to do it),
 * for {@code owner}: the case's case manager, else the person who completed it; the primary score's value (a
 * PHQ-9 total) and when it was completed, where known.
 */
public record AssessmentCompleted(UUID assessmentId, PatientId patient, @Nullable CaseId caseId, String instrumentKey,
		String instrumentTitle, List<String> suggestions, boolean urgent, @Nullable UserId owner, List<FollowUp> followUps,
		java.math.@Nullable BigDecimal total, java.time.@Nullable Instant completedAt) {

	/**
	 * Work the instrument's rules ask for: a title, a priority ({@code STAT}, {@code URGENT}, ...) and hours to do it;
	 * {@code titleKey} names the title's text in the message bundle ({@code task.title.rule.<instrument>.<rule>}), so
	 * each reader sees it in their language (an instrument without one keeps the definition's words).
	 */
	public record FollowUp(String title, String priority, int dueHours, @Nullable String titleKey) {

		public FollowUp(String title, String priority, int dueHours) {
			this(title, priority, dueHours, null);
		}

		/** The bundle's key for the title of a rule's task. */
		public static String titleKey(String instrumentKey, String rule) {
			return "task.title.rule." + instrumentKey + "." + rule;
		}
	}

	public AssessmentCompleted {
		suggestions = List.copyOf(suggestions);
		followUps = List.copyOf(followUps);
	}

	/** Without the primary score and the time (an instrument without a total; the tests' events). */
	public AssessmentCompleted(UUID assessmentId, PatientId patient, @Nullable CaseId caseId, String instrumentKey,
			String instrumentTitle, List<String> suggestions, boolean urgent, @Nullable UserId owner, List<FollowUp> followUps) {
		this(assessmentId, patient, caseId, instrumentKey, instrumentTitle, suggestions, urgent, owner, followUps, null, null);
	}
}
