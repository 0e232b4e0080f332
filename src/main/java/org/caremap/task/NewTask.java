package org.caremap.task;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A task to create: for a patient (and usually a case), owned by a user or a team queue, with its window.
 * {@code source} names what created it (e.g. "cadence:&lt;case&gt;") so that automatic tasks are not duplicated.
 * A task Caremap makes itself may name its title as a text of the bundle ({@code titleKey}, "task.title.*", with its
 * arguments): each reader then sees it in their language; {@code title} is the English words. Its description the
 * same ({@code descriptionKey}, "task.description.*"; a description left null is then the bundle's English words).
 * A task the patient does ({@code patientDoes}: the patient, or a family member the patient lets act for them, marks it
 * done in the portal) still has an owner on the team who follows it up.
 */
public record NewTask(PatientId patient, @Nullable CaseId caseId, TaskType type, String title,
		@Nullable String description, @Nullable UserId ownerUser, @Nullable UUID ownerTeam, TaskPriority priority,
		@Nullable Instant notBefore, @Nullable Instant due, @Nullable String source, @Nullable String titleKey,
		List<String> titleArgs, @Nullable String descriptionKey, List<String> descriptionArgs, boolean patientDoes) {

	public NewTask(PatientId patient, @Nullable CaseId caseId, TaskType type, String title, @Nullable String description,
			@Nullable UserId ownerUser, @Nullable UUID ownerTeam, TaskPriority priority, @Nullable Instant notBefore,
			@Nullable Instant due, @Nullable String source) {
		this(patient, caseId, type, title, description, ownerUser, ownerTeam, priority, notBefore, due, source, null, List.of(),
				null, List.of(), false);
	}

	public NewTask(PatientId patient, @Nullable CaseId caseId, TaskType type, String title, @Nullable String description,
			@Nullable UserId ownerUser, @Nullable UUID ownerTeam, TaskPriority priority, @Nullable Instant notBefore,
			@Nullable Instant due, @Nullable String source, @Nullable String titleKey, List<String> titleArgs) {
		this(patient, caseId, type, title, description, ownerUser, ownerTeam, priority, notBefore, due, source, titleKey,
				titleArgs, null, List.of(), false);
	}

	/** The same task, for the patient to do (they mark it done in the portal). */
	public NewTask byThePatient() {
		return new NewTask(patient, caseId, type, title, description, ownerUser, ownerTeam, priority, notBefore, due, source,
				titleKey, titleArgs, descriptionKey, descriptionArgs, true);
	}

	/** The same task, its title a text of the bundle (in each reader's language) with these arguments. */
	public NewTask titled(String key, String... arguments) {
		return new NewTask(patient, caseId, type, title, description, ownerUser, ownerTeam, priority, notBefore, due, source, key,
				java.util.Arrays.stream(arguments).map(a -> a == null ? "" : a).toList(), descriptionKey, descriptionArgs,
				patientDoes);
	}

	/**
	 * The same task, its description a text of the bundle with these arguments (a date written {@code @day:2026-12-04}
	 * or {@code @time:2026-12-04T14:30} is shown in the reader's language).
	 */
	public NewTask described(String key, String... arguments) {
		return new NewTask(patient, caseId, type, title, description, ownerUser, ownerTeam, priority, notBefore, due, source,
				titleKey, titleArgs, key, java.util.Arrays.stream(arguments).map(a -> a == null ? "" : a).toList(),
				patientDoes);
	}

	public NewTask {
		titleArgs = titleArgs == null ? List.of() : titleArgs.stream().map(a -> a == null ? "" : a).toList();
		descriptionArgs = descriptionArgs == null ? List.of() : descriptionArgs.stream().map(a -> a == null ? "" : a).toList();
		if (patient == null || type == null || priority == null) {
			throw new IllegalArgumentException("patient, type and priority are required");
		}
		if (title == null || title.isBlank()) throw new IllegalArgumentException("title is required");
		if (ownerUser == null && ownerTeam == null) throw new IllegalArgumentException("a task needs an owner");
		if (notBefore != null && due != null && due.isBefore(notBefore)) {
			throw new IllegalArgumentException("a task cannot be due before it may start");
		}
	}
}
