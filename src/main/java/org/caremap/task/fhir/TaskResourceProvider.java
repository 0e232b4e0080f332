package org.caremap.task.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.fhir.FhirPage;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.organization.PractitionerResources;
import org.caremap.organization.TeamView;
import org.caremap.patient.PatientResources;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPage;
import org.caremap.task.TaskQuery;
import org.caremap.task.TaskRecord;
import org.caremap.task.TaskStatus;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Care coordination tasks as FHIR Task: read; search by owner, status, due window ({@code period}), patient and
 * last update with {@code _count}/{@code _offset} paging, including the patients ({@code Task:patient},
 * {@code Task:subject}) and owners ({@code Task:owner}) on request; and an update that moves a task along its lifecycle
 * (start, complete, hold, resume, cancel, fail) through the task list's own rules, as the worklist does.
 * The due time is {@code Task.restriction.period.end} (the deadline by which the work is sought), the earliest
 * start {@code restriction.period.start}; {@code executionPeriod} only says when the work actually ended.
 */
@Component
class TaskResourceProvider implements IResourceProvider {

	private static final int DEFAULT_PAGE = 20;
	private static final int MAX_PAGE = 500;

	private final Tasks tasks;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final MessageSource messages;
	private final PatientResources patients;
	private final PractitionerResources practitioners;
	private final org.caremap.community.CommunityReferralTasks community;

	private final org.caremap.access.Part2Labels part2;
	private final org.caremap.access.Segmentation segmentation;

	TaskResourceProvider(Tasks tasks, UserAccounts accounts, Organizations organizations, MessageSource messages,
			PatientResources patients, PractitionerResources practitioners, org.caremap.community.CommunityReferralTasks community,
			org.caremap.access.Part2Labels part2, org.caremap.access.Segmentation segmentation) {
		this.part2 = part2;
		this.segmentation = segmentation;
		this.community = community;
		this.tasks = tasks;
		this.accounts = accounts;
		this.organizations = organizations;
		this.messages = messages;
		this.patients = patients;
		this.practitioners = practitioners;
	}

	@Override
	public Class<Task> getResourceType() {
		return Task.class;
	}

	@Read
	public Task read(@IdParam IdType id) {
		java.util.Optional<TaskRecord> found = tasks.record(taskId(id));
		if (found.isEmpty()) {
			// a community referral's fulfilment (the community module checks access and audits)
			return community.task(taskId(id).value()).orElseThrow(() -> new ResourceNotFoundException(id));
		}
		TaskRecord task = found.get();
		Task resource = new TaskMapping(names(List.of(task)), teams(), this::typeLabel).toFhir(task);
		boolean part2Record = task.task().caseId() != null
				&& segmentation.part2(task.task().patient()).labels(task.task().caseId().value());
		return part2Record ? org.caremap.access.Part2Labels.label(resource) : resource;
	}

	@Search
	public IBundleProvider search(
			@Description(shortDefinition = "The person the task belongs to (Practitioner/<user id>)")
			@OptionalParam(name = Task.SP_OWNER) @Nullable ReferenceParam owner,
			@Description(shortDefinition = "Status of the task (requested, ready, in-progress, on-hold, completed, cancelled, failed)")
			@OptionalParam(name = Task.SP_STATUS) @Nullable TokenOrListParam status,
			@Description(shortDefinition = "When the task is due (Task.restriction.period.end) lies in this range")
			@OptionalParam(name = Task.SP_PERIOD) @Nullable DateRangeParam period,
			@Description(shortDefinition = "The patient the task is for")
			@OptionalParam(name = Task.SP_PATIENT) @Nullable ReferenceParam patient,
			@Description(shortDefinition = "The patient the task is for")
			@OptionalParam(name = Task.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "Task:patient", "Task:subject", "Task:owner" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		PatientId forPatient = patient(patient, subject);
		UserId ownerUser = owner == null ? null : new UserId(uuid(owner, "Practitioner", Task.SP_OWNER));
		Set<TaskStatus> statuses = statuses(status);
		int size = count == null ? DEFAULT_PAGE : Math.min(Math.max(count, 0), MAX_PAGE);
		int from = offset == null ? 0 : Math.max(offset, 0);
		if (status != null && statuses.isEmpty()) {
			// only statuses Caremap never gives (draft, accepted, ...): nothing matches
			return new SimpleBundleProvider(List.of());
		}
		TaskQuery query = new TaskQuery(forPatient, ownerUser, statuses,
				period == null ? null : instant(period.getLowerBoundAsInstant()),
				period == null ? null : instant(period.getUpperBoundAsInstant()),
				lastUpdated == null ? null : instant(lastUpdated.getLowerBoundAsInstant()),
				lastUpdated == null ? null : instant(lastUpdated.getUpperBoundAsInstant()));
		TaskPage found = tasks.search(query, from, size);
		TaskMapping mapping = new TaskMapping(names(found.tasks()), teams(), this::typeLabel);
		List<Task> page = new ArrayList<>();
		for (TaskRecord task : found.tasks()) {
			Task resource = mapping.toFhir(task);
			page.add(found.part2().contains(task.task().id()) ? org.caremap.access.Part2Labels.label(resource) : resource);
		}
		// one patient's community referrals follow the care tasks (the same paging over both)
		List<Task> referrals = forPatient == null || ownerUser != null || period != null ? List.of()
				: community.tasks(forPatient).stream().filter(t -> wanted(t, status, lastUpdated)).toList();
		int skip = (int) Math.max(0, from - found.total());
		for (int i = skip; i < referrals.size() && page.size() < size; i++) page.add(referrals.get(i));
		if (FhirPage.wants(include, "Task:patient", "Task:subject")) patients.resolve(page.stream().map(Task::getFor).toList());
		if (FhirPage.wants(include, "Task:owner")) {
			practitioners.resolve(page.stream().map(Task::getOwner).toList());
			// a task the patient does is owned by the Patient
			patients.resolve(page.stream().map(Task::getOwner).toList());
		}
		var outcome = part2.outcome(found.withheld(), found.notice());
		List<org.hl7.fhir.instance.model.api.IBaseResource> entries = new ArrayList<>(page);
		if (outcome != null) entries.add(outcome);
		return new FhirPage(from, size).bundle(entries, found.total() + referrals.size());
	}

	private static boolean wanted(Task t, @Nullable TokenOrListParam status, @Nullable DateRangeParam lastUpdated) {
		if (status != null && status.getValuesAsQueryTokens().stream().noneMatch(s -> t.getStatus().toCode().equals(s.getValue()))) {
			return false;
		}
		if (lastUpdated != null) {
			Date at = t.getMeta().getLastUpdated();
			if (lastUpdated.getLowerBoundAsInstant() != null && at.before(lastUpdated.getLowerBoundAsInstant())) return false;
			if (lastUpdated.getUpperBoundAsInstant() != null && at.after(lastUpdated.getUpperBoundAsInstant())) return false;
		}
		return true;
	}

	/**
	 * Moves the task to the status sent, with {@code statusReason} as the outcome or reason the task list asks
	 * for. Only the status may change here: a task sent with another patient, owner, priority, title or due time
	 * is refused, and so is a move the task list does not allow (a closed task cannot be reopened).
	 */
	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Task sent) {
		TaskId taskId = taskId(id);
		java.util.Optional<TaskRecord> stored = tasks.record(taskId);
		if (stored.isEmpty()) {
			// a community referral's fulfilment (or nothing: the community module answers not found): a system moves it
			// along the referral's table
			Task updated = community.updateTask(taskId.value(), sent);
			MethodOutcome outcome = new MethodOutcome(new IdType("Task", taskId.toString()), false);
			outcome.setResource(updated);
			return outcome;
		}
		TaskRecord before = stored.orElseThrow(() -> new ResourceNotFoundException(id));
		Task current = new TaskMapping(names(List.of(before)), teams(), this::typeLabel).toFhir(before);
		refuseOtherChanges(current, sent);
		if (!sent.hasStatus()) throw new InvalidRequestException("Task.status is required");
		TaskStatus to = TaskMapping.status(sent.getStatus());
		if (to == null) {
			throw new UnprocessableEntityException("Caremap tasks do not take the status " + sent.getStatus().toCode()
					+ "; use one of " + TaskMapping.STATUS_CODES);
		}
		if (to != before.task().status()) move(taskId, before.task().status(), to, reason(sent), timeSpent(sent));
		MethodOutcome outcome = new MethodOutcome(new IdType("Task", taskId.toString()), false);
		outcome.setResource(read(new IdType("Task", taskId.toString())));
		return outcome;
	}

	/** The extension carrying the time a completed task took (counted for care-management billing). */
	static final String TIME_SPENT = "https://caremap.org/fhir/StructureDefinition/time-spent";

	/**
	 * The time spent sent with a completion, if any: the {@link #TIME_SPENT} extension with {@code minutes}
	 * (valueInteger 1-600), {@code whose} (valueCode CLINICAL_STAFF or PHYSICIAN) and {@code kind} (valueCode, one of
	 * {@link org.caremap.task.TimeSpent.WorkKind}); anything else in it is refused.
	 */
	static org.caremap.task.@Nullable TimeSpent timeSpent(Task sent) {
		org.hl7.fhir.r4.model.Extension ext = sent.getExtensionByUrl(TIME_SPENT);
		if (ext == null) return null;
		try {
			org.hl7.fhir.r4.model.Extension minutes = ext.getExtensionByUrl("minutes");
			org.hl7.fhir.r4.model.Extension whose = ext.getExtensionByUrl("whose");
			org.hl7.fhir.r4.model.Extension kind = ext.getExtensionByUrl("kind");
			return new org.caremap.task.TimeSpent(((org.hl7.fhir.r4.model.IntegerType) minutes.getValue()).getValue(),
					org.caremap.task.TimeSpent.Whose.valueOf(whose.getValue().primitiveValue()),
					org.caremap.task.TimeSpent.WorkKind.valueOf(kind.getValue().primitiveValue()));
		}
		catch (RuntimeException ex) {
			throw new org.caremap.shared.DomainException("task.time-spent",
					"minutes spent must be 1 to 600 with whose time and the kind of work");
		}
	}

	private void move(TaskId id, TaskStatus from, TaskStatus to, String reason, org.caremap.task.@Nullable TimeSpent spent) {
		switch (to) {
			case IN_PROGRESS:
				tasks.start(id);
				break;
			case COMPLETED:
				tasks.complete(id, reason, spent);
				break;
			case ON_HOLD:
				tasks.hold(id, reason);
				break;
			case READY:
				tasks.resume(id, reason);
				break;
			case CANCELLED:
				tasks.cancel(id, reason);
				break;
			case FAILED:
				tasks.fail(id, reason);
				break;
			default:
				throw new DomainException("task.illegal-transition", "cannot request a task that is " + from,
						from.name().toLowerCase(Locale.ROOT).replace('_', ' '), "request");
		}
	}

	private static void refuseOtherChanges(Task current, Task sent) {
		List<String> changed = new ArrayList<>();
		if (sent.hasFor() && !sameReference(current.getFor(), sent.getFor())) changed.add("for");
		if (sent.hasOwner() && sent.getOwner().hasReference() && !sameReference(current.getOwner(), sent.getOwner())) {
			changed.add("owner");
		}
		if (sent.hasPriority() && sent.getPriority() != current.getPriority()) changed.add("priority");
		if (sent.hasDescription() && !sent.getDescription().equals(current.getDescription())) changed.add("description");
		Date sentDue = sent.getRestriction().getPeriod().getEnd();
		Date due = current.getRestriction().getPeriod().getEnd();
		if (sentDue != null && (due == null || sentDue.getTime() / 1000 != due.getTime() / 1000)) {
			changed.add("restriction.period.end");
		}
		if (!changed.isEmpty()) {
			throw new UnprocessableEntityException("Only the status of a task can be changed through FHIR; "
					+ String.join(", ", changed) + " differ from the stored task");
		}
	}

	private static boolean sameReference(Reference stored, Reference sent) {
		if (!sent.hasReference()) return true;
		return stored.hasReference() && new IdType(stored.getReference()).getIdPart()
			.equals(new IdType(sent.getReference()).getIdPart());
	}

	/** The outcome or reason of the change: {@code statusReason} (its text, else a coding's display or code). */
	private static String reason(Task sent) {
		CodeableConcept why = sent.getStatusReason();
		if (why.hasText()) return why.getText();
		return why.getCoding().stream()
			.map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
			.filter(t -> t != null && !t.isBlank())
			.findFirst()
			.orElse("");
	}

	private @Nullable PatientId patient(@Nullable ReferenceParam patient, @Nullable ReferenceParam subject) {
		UUID a = patient == null ? null : uuid(patient, "Patient", Task.SP_PATIENT);
		UUID b = subject == null ? null : uuid(subject, "Patient", Task.SP_SUBJECT);
		if (a != null && b != null && !a.equals(b)) {
			throw new InvalidRequestException("patient and subject name different patients");
		}
		UUID id = a != null ? a : b;
		return id == null ? null : new PatientId(id);
	}

	private static UUID uuid(ReferenceParam ref, String type, String parameter) {
		if (ref.hasChain()) throw new InvalidRequestException("chained searches on " + parameter + " are not supported");
		if (ref.getResourceType() != null && !type.equals(ref.getResourceType())) {
			throw new InvalidRequestException(parameter + " must reference a " + type);
		}
		try {
			return UUID.fromString(ref.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidRequestException(parameter + " must be " + type + "/<id>, not " + ref.getValue());
		}
	}


	private static Set<TaskStatus> statuses(@Nullable TokenOrListParam status) {
		if (status == null) return Set.of();
		Set<TaskStatus> out = EnumSet.noneOf(TaskStatus.class);
		for (TokenParam token : status.getValuesAsQueryTokens()) {
			TaskStatus s;
			try {
				s = TaskMapping.status(Task.TaskStatus.fromCode(token.getValue()));
			}
			catch (org.hl7.fhir.exceptions.FHIRException | IllegalArgumentException ex) {
				throw new InvalidRequestException("status must be one of " + TaskMapping.STATUS_CODES + ", not "
						+ token.getValue());
			}
			if (s != null) out.add(s);
		}
		return out;
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return date == null ? null : date.toInstant();
	}

	private Map<UserId, String> names(List<TaskRecord> found) {
		return accounts.displayNames(found.stream().map(t -> t.task().ownerUser())
			.filter(java.util.Objects::nonNull).distinct().toList());
	}

	private Map<UUID, String> teams() {
		Map<UUID, String> names = new java.util.HashMap<>();
		organizations.primary().ifPresent(o -> {
			for (TeamView team : organizations.teams(o.id())) names.put(team.id(), team.name());
		});
		return names;
	}

	private String typeLabel(TaskView task) {
		return messages.getMessage("task.type." + task.type().name(), null, task.type().name(), Locale.ENGLISH);
	}

	private static TaskId taskId(IdType id) {
		try {
			return new TaskId(UUID.fromString(id.getIdPart()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ResourceNotFoundException(new IdType("Task", id.getIdPart()));
		}
	}
}
