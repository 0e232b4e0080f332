package org.caremap.careplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A care plan at its current version, with the list of versions, agreements and goal progress. */
public record CarePlanView(UUID id, CaseId caseId, PatientId patient, String status, int version,
		@Nullable LocalDate reviewDue, CarePlanContent content, List<VersionInfo> versions, List<Agreement> agreements,
		List<Progress> progress) {

	public CarePlanView {
		versions = List.copyOf(versions);
		agreements = List.copyOf(agreements);
		progress = List.copyOf(progress);
	}

	/** The latest achievement recorded for the goal (progress notes), else the plan's own. */
	public CarePlanContent.Achievement achievement(CarePlanContent.Goal goal) {
		return progress.stream().filter(p -> p.goalId().equals(goal.id())).reduce((a, b) -> b)
			.map(Progress::achievement).orElse(goal.achievement());
	}

	public List<Progress> progressOf(UUID goal) {
		return progress.stream().filter(p -> p.goalId().equals(goal)).toList();
	}

	/** The agreement with the current version, if one was recorded. */
	public @Nullable Agreement currentAgreement() {
		return agreements.stream().filter(a -> a.version() == version).findFirst().orElse(null);
	}

	/**
	 * A version's facts. A reason Caremap wrote itself has a message key and its arguments ({@code reasonKey},
	 * {@code reasonArgs}: show it in the reader's language); {@code reason} is then its English text.
	 */
	public record VersionInfo(int version, String reason, String author, Instant at, @Nullable LocalDate reviewDue,
			@Nullable String reasonKey, List<String> reasonArgs) {

		public VersionInfo {
			reasonArgs = List.copyOf(reasonArgs);
		}

		public VersionInfo(int version, String reason, String author, Instant at, @Nullable LocalDate reviewDue) {
			this(version, reason, author, at, reviewDue, null, List.of());
		}

		/** The reason in this language: the written reason's text from the bundle, else the reason as typed. */
		public String reasonIn(org.springframework.context.MessageSource messages, java.util.Locale locale) {
			return reasonKey == null ? reason : messages.getMessage(reasonKey, reasonArgs.toArray(), reason, locale);
		}
	}

	public enum Relation {
		PATIENT, FAMILY, CAREGIVER, LEGAL_REPRESENTATIVE
	}

	public enum Method {
		IN_PERSON, PHONE, VIDEO, PORTAL, SIGNED_COPY
	}

	/** Who agreed to which version, when and how. */
	public record Agreement(UUID id, int version, String partyName, Relation relation, Method method, Instant agreedAt,
			@Nullable String note, String recordedBy) {
	}

	/** A progress note on a goal with the achievement status it records. */
	public record Progress(UUID id, UUID goalId, CarePlanContent.Achievement achievement, String note, Instant at,
			String by) {
	}
}
