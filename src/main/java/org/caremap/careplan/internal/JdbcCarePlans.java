package org.caremap.careplan.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Suggestion;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.PatientPlanText;
import org.caremap.careplan.CarePlans;
import org.caremap.careplan.PlanDiff;
import org.caremap.careplan.TemplateSuggestion;
import org.caremap.careplan.TemplateView;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
@Transactional
class JdbcCarePlans implements CarePlans {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Cases cases;
	private final CarePlanTemplates templates;
	private final Assessments assessments;
	private final PatientRegistry patients;
	private final Tasks tasks;
	private final Organizations organizations;
	private final UserAccounts accounts;

	private final org.springframework.beans.factory.ObjectProvider<org.caremap.chart.InterventionNotes> interventionNotes;
	private final org.springframework.context.ApplicationEventPublisher events;
	private final Segmentation segmentation;

	/**
	 * A plan is made in its case: the plan of a case in a 42 CFR Part 2 program is withheld from a reader outside
	 * the program (refused like a record they may not read; audited as denied).
	 */
	private void requireShown(PatientId patient, CaseId caseId) {
		if (segmentation.part2(patient).withholds(caseId.value())) {
			audit.record(new AuditEntry("READ", "CarePlan", null, patient, org.caremap.audit.AuditOutcome.DENIED,
					"withheld under 42 CFR Part 2"));
			throw Part2Labels.withheld("care plan");
		}
	}

	JdbcCarePlans(JdbcClient jdbc, PatientAccess access, AuditTrail audit, Cases cases, CarePlanTemplates templates,
			Assessments assessments, PatientRegistry patients, Tasks tasks, Organizations organizations,
			UserAccounts accounts, org.springframework.beans.factory.ObjectProvider<org.caremap.chart.InterventionNotes> interventionNotes,
			org.springframework.context.ApplicationEventPublisher events, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.interventionNotes = interventionNotes;
		this.events = events;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.cases = cases;
		this.templates = templates;
		this.assessments = assessments;
		this.patients = patients;
		this.tasks = tasks;
		this.organizations = organizations;
		this.accounts = accounts;
	}

	@Override
	public CarePlanView open(CaseId caseId) {
		CaseView c = cases.find(caseId).orElseThrow(() -> new NotFoundException("case", caseId.value()));
		// starting a plan is writing the record, even when one was started meanwhile
		access.require(c.patient(), AccessPurpose.WRITE);
		requireShown(c.patient(), caseId);
		Optional<UUID> existing = jdbc.sql("select id from care_plan where case_id = ?").param(caseId.value())
			.query(UUID.class).optional();
		if (existing.isPresent()) return find(existing.get()).orElseThrow();
		UUID id = Ids.newId();
		int inserted = jdbc.sql("""
				insert into care_plan (id, case_id, patient_id, status, current_version, created_by)
				values (?, ?, ?, 'ACTIVE', 1, ?) on conflict (case_id) do nothing""")
			.params(id, caseId.value(), c.patient().value(), CurrentActor.name()).update();
		if (inserted == 0) {
			return find(jdbc.sql("select id from care_plan where case_id = ?").param(caseId.value()).query(UUID.class).single())
				.orElseThrow();
		}
		insertVersion(id, 1, CarePlanContent.empty(), null, "Care plan started");
		audit.record(AuditEntry.write("CREATE", "CarePlan", id.toString(), c.patient()));
		return find(id).orElseThrow();
	}

	/**
	 * A reason Caremap writes itself on a version: a message key and its arguments, shown in each reader's language
	 * ({@link CarePlanView.VersionInfo#reasonKey()}); the English text is kept as the version's reason too.
	 */
	record WrittenReason(String english, String key, List<String> args) {
	}

	private void insertVersion(UUID plan, int version, CarePlanContent content, @Nullable LocalDate reviewDue, String reason) {
		insertVersion(plan, version, content, reviewDue, reason, null);
	}

	private void insertVersion(UUID plan, int version, CarePlanContent content, @Nullable LocalDate reviewDue, String reason,
			@Nullable WrittenReason written) {
		jdbc.sql("""
				insert into care_plan_version (plan_id, version, content, review_due, reason, author, reason_key, reason_args)
				values (?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
			.params(plan, version, JSON.writeValueAsString(content), reviewDue, reason.trim(), CurrentActor.name(),
					written == null ? null : written.key(), written == null ? null : written.args().toArray(String[]::new))
			.update();
		// the goals' states for the modules that follow them (no goal text)
		jdbc.sql("select patient_id, case_id from care_plan where id = ?").param(plan)
			.query((rs, n) -> new org.caremap.careplan.CarePlanRevised(plan,
					new org.caremap.shared.PatientId(rs.getObject(1, UUID.class)),
					new org.caremap.caseload.CaseId(rs.getObject(2, UUID.class)), version,
					content.goals().stream().map(g -> new org.caremap.careplan.CarePlanRevised.GoalState(g.id(), g.lifecycle(),
							g.achievement())).toList(), Instant.now()))
			.optional()
			.ifPresent(events::publishEvent);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CarePlanView> find(UUID plan) {
		return head(plan, false).map(h -> {
			access.require(h.patient(), AccessPurpose.READ);
			requireShown(h.patient(), h.caseId());
			audit.record(AuditEntry.read("CarePlan", plan.toString(), h.patient()));
			return view(h);
		});
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CarePlanView> withGoal(UUID goal) {
		String holding = JSON.writeValueAsString(List.of(Map.of("id", goal.toString())));
		return jdbc.sql("""
				select p.id from care_plan p
				join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				where v.content -> 'goals' @> ?::jsonb""")
			.param(holding).query(UUID.class).list().stream().findFirst()
			.flatMap(plan -> head(plan, false))
			.map(h -> {
				access.require(h.patient(), AccessPurpose.READ);
				requireShown(h.patient(), h.caseId());
				audit.record(AuditEntry.read("Goal", goal.toString(), h.patient()));
				return view(h);
			});
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CarePlanView> ofCase(CaseId caseId) {
		return jdbc.sql("select id from care_plan where case_id = ?").param(caseId.value()).query(UUID.class).optional()
			.flatMap(this::find);
	}

	private static final String HEAD = "select id, case_id, patient_id, status, current_version, review_due from care_plan ";

	private Optional<Head> head(UUID plan, boolean forUpdate) {
		return jdbc.sql(HEAD + "where id = ?" + (forUpdate ? " for update" : "")).param(plan)
			.query((rs, n) -> headOf(rs)).optional();
	}

	private static Head headOf(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Head(rs.getObject(1, UUID.class), new CaseId(rs.getObject(2, UUID.class)), new PatientId(rs.getObject(3, UUID.class)),
				rs.getString(4), rs.getInt(5), rs.getObject(6, LocalDate.class));
	}

	private record Head(UUID id, CaseId caseId, PatientId patient, String status, int version, @Nullable LocalDate reviewDue) {
	}

	private CarePlanView view(Head h) {
		CarePlanContent content = content(h.id(), h.version());
		List<CarePlanView.VersionInfo> versions = jdbc.sql("""
				select version, reason, author, created_at, review_due, reason_key, reason_args from care_plan_version
				where plan_id = ? order by version desc""")
			.param(h.id())
			.query((rs, n) -> new CarePlanView.VersionInfo(rs.getInt(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getObject(5, LocalDate.class), rs.getString(6),
					rs.getArray(7) == null ? List.of() : List.of((String[]) rs.getArray(7).getArray())))
			.list();
		List<CarePlanView.Agreement> agreements = jdbc.sql("""
				select id, version, party_name, party_relation, method, agreed_at, note, recorded_by
				from care_plan_agreement where plan_id = ? order by agreed_at desc""")
			.param(h.id())
			.query((rs, n) -> new CarePlanView.Agreement(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
					CarePlanView.Relation.valueOf(rs.getString(4)), CarePlanView.Method.valueOf(rs.getString(5)),
					rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)))
			.list();
		List<CarePlanView.Progress> progress = jdbc.sql("""
				select id, goal_id, achievement, note, recorded_at, recorded_by from goal_progress
				where plan_id = ? order by recorded_at, id""")
			.param(h.id())
			.query((rs, n) -> new CarePlanView.Progress(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					CarePlanContent.Achievement.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(),
					rs.getString(6)))
			.list();
		return new CarePlanView(h.id(), h.caseId(), h.patient(), h.status(), h.version(), h.reviewDue(), content, versions,
				agreements, progress);
	}

	private CarePlanContent content(UUID plan, int version) {
		return jdbc.sql("select content from care_plan_version where plan_id = ? and version = ?").params(plan, version)
			.query(String.class).optional()
			.map(json -> JSON.readValue(json, CarePlanContent.class))
			.orElseThrow(() -> new NotFoundException("care plan version", version));
	}

	@Override
	@Transactional(readOnly = true)
	public List<CarePlanView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		// the plans of cases in Part 2 programs the reader is outside of are left out
		Part2Segment segment = segmentation.part2(patient);
		List<CarePlanView> plans = jdbc.sql(HEAD + "where patient_id = ? order by created_at desc")
			.param(patient.value()).query((rs, n) -> headOf(rs)).list().stream()
			.filter(h -> !segment.withholds(h.caseId().value())).map(this::view).toList();
		plans.forEach(p -> audit.record(AuditEntry.read("CarePlan", p.id().toString(), patient)));
		return plans;
	}

	/** Locks the plan row for a change and checks the author saw the current version. */
	private Head lock(UUID plan, int expectedVersion) {
		Head h = head(plan, true).orElseThrow(() -> new NotFoundException("care plan", plan));
		access.require(h.patient(), AccessPurpose.WRITE);
		requireShown(h.patient(), h.caseId());
		if (!"ACTIVE".equals(h.status())) throw new DomainException("careplan.completed", "the plan is completed");
		if (h.version() != expectedVersion) {
			throw new DomainException("careplan.stale", "the plan changed meanwhile", h.version());
		}
		return h;
	}

	@Override
	public int save(UUID plan, int expectedVersion, CarePlanContent content, String reason) {
		return save(plan, expectedVersion, content, reason, null);
	}

	/** Saves a version whose reason Caremap wrote (shared planning); as {@link #save(UUID, int, CarePlanContent, String)}. */
	int save(UUID plan, int expectedVersion, CarePlanContent content, WrittenReason reason) {
		return save(plan, expectedVersion, content, reason.english(), reason);
	}

	private int save(UUID plan, int expectedVersion, CarePlanContent content, String reason, @Nullable WrittenReason written) {
		if (reason == null || reason.isBlank()) throw new DomainException("careplan.reason-required", "say why");
		Head h = lock(plan, expectedVersion);
		CarePlanContent previous = content(plan, h.version());
		CarePlanContent checked = withoutStaleTranslations(previous, validate(content));
		int next = h.version() + 1;
		insertVersion(plan, next, checked, h.reviewDue(), reason, written);
		jdbc.sql("update care_plan set current_version = ?, updated_at = now() where id = ?").params(next, plan).update();
		audit.record(new AuditEntry("UPDATE", "CarePlan", plan.toString(), h.patient(),
				org.caremap.audit.AuditOutcome.SUCCESS, "version " + next));
		return next;
	}

	/**
	 * A new version changed from the current one, written for the patient in the portal (shared planning): the caller
	 * checked the patient's right to answer; the change is made against the version current now (the patient answers
	 * one item, nothing of the team's is overwritten). Returns the new version number.
	 */
	int reviseForPatient(UUID plan, java.util.function.UnaryOperator<CarePlanContent> change, WrittenReason reason) {
		Head h = head(plan, true).orElseThrow(() -> new NotFoundException("care plan", plan));
		if (!"ACTIVE".equals(h.status())) throw new DomainException("careplan.completed", "the plan is completed");
		// the change sees the version current under the plan's row lock: a second answer to the same item waits here
		// for the first one and is then refused by the change's own check
		CarePlanContent checked = validate(change.apply(content(plan, h.version())));
		int next = h.version() + 1;
		insertVersion(plan, next, checked, h.reviewDue(), reason.english(), reason);
		jdbc.sql("update care_plan set current_version = ?, updated_at = now() where id = ?").params(next, plan).update();
		audit.record(new AuditEntry("UPDATE", "CarePlan", plan.toString(), h.patient(),
				org.caremap.audit.AuditOutcome.SUCCESS, "version " + next + ", the patient's answer"));
		return next;
	}

	private static CarePlanContent validate(CarePlanContent c) {
		Set<UUID> problems = new HashSet<>();
		for (CarePlanContent.Problem p : c.problems()) {
			if (p.text() == null || p.text().isBlank()) throw new DomainException("careplan.problem-text", "a problem needs text");
			problems.add(p.id());
		}
		Set<UUID> goals = new HashSet<>();
		for (CarePlanContent.Goal g : c.goals()) {
			if (g.text() == null || g.text().isBlank()) throw new DomainException("careplan.goal-text", "a goal needs text");
			if (g.target() == null || g.target().isBlank()) {
				throw new DomainException("careplan.goal-target", "a goal needs a measurable target");
			}
			if (g.problemId() != null && !problems.contains(g.problemId())) {
				throw new DomainException("careplan.goal-problem", "the goal's problem is not in the plan");
			}
			goals.add(g.id());
		}
		for (CarePlanContent.Intervention i : c.interventions()) {
			if (i.text() == null || i.text().isBlank()) {
				throw new DomainException("careplan.intervention-text", "an intervention needs text");
			}
			if (i.goalId() != null && !goals.contains(i.goalId())) {
				throw new DomainException("careplan.intervention-goal", "the intervention's goal is not in the plan");
			}
		}
		for (CarePlanContent.Barrier b : c.barriers()) {
			if (b.text() == null || b.text().isBlank()) throw new DomainException("careplan.barrier-text", "a barrier needs text");
		}
		return c;
	}

	/**
	 * An item whose text was edited no longer matches its template translation; the patient copy then uses the edit.
	 * New items keep the translations they came with.
	 */
	private static CarePlanContent withoutStaleTranslations(CarePlanContent before, CarePlanContent after) {
		Map<UUID, String> problemText = new HashMap<>();
		before.problems().forEach(p -> problemText.put(p.id(), p.text()));
		Map<UUID, CarePlanContent.Goal> goals = new HashMap<>();
		before.goals().forEach(g -> goals.put(g.id(), g));
		Map<UUID, CarePlanContent.Intervention> interventions = new HashMap<>();
		before.interventions().forEach(i -> interventions.put(i.id(), i));
		Map<UUID, String> barrierText = new HashMap<>();
		before.barriers().forEach(b -> barrierText.put(b.id(), b.text()));
		return new CarePlanContent(
				after.problems().stream().map(p -> !problemText.containsKey(p.id()) || p.text().equals(problemText.get(p.id())) ? p
						: new CarePlanContent.Problem(p.id(), p.text().strip(), p.codeSystem(), p.code(), p.codeDisplay(),
								p.status(), p.template(), Map.of()))
					.toList(),
				after.goals().stream().map(g -> {
					CarePlanContent.Goal was = goals.get(g.id());
					boolean textSame = was == null || was.text().equals(g.text());
					boolean targetSame = was == null || was.target().equals(g.target());
					// who expressed the goal and the patient's answer stay with it (a team edit does not drop them)
					return new CarePlanContent.Goal(g.id(), g.problemId(), g.text().strip(), g.target().strip(), g.term(),
							g.targetDate(), g.lifecycle(), g.achievement(), g.template(), textSame ? g.translations() : Map.of(),
							targetSame ? g.targetTranslations() : Map.of(),
							g.expressedBy() != null || was == null ? g.expressedBy() : was.expressedBy(),
							g.response() != null || was == null || !textSame || !targetSame ? g.response() : was.response());
				}).toList(),
				after.interventions().stream().map(i -> {
					CarePlanContent.Intervention was = interventions.get(i.id());
					boolean textSame = was == null || was.text().equals(i.text());
					boolean freqSame = was == null || java.util.Objects.equals(was.frequency(), i.frequency());
					return new CarePlanContent.Intervention(i.id(), i.goalId(), i.text().strip(), i.owner(), i.ownerName(),
							i.frequency(), i.status(), i.template(), textSame ? i.translations() : Map.of(),
							freqSame ? i.frequencyTranslations() : Map.of(),
							i.response() != null || was == null || !textSame ? i.response() : was.response());
				}).toList(),
				after.barriers().stream().map(b -> !barrierText.containsKey(b.id()) || b.text().equals(barrierText.get(b.id())) ? b
						: new CarePlanContent.Barrier(b.id(), b.text().strip(), b.response(), b.template(), Map.of()))
					.toList());
	}

	@Override
	public int applyTemplate(UUID plan, int expectedVersion, String templateKey) {
		CarePlanTemplates.Template t = templates.find(templateKey)
			.orElseThrow(() -> new DomainException("careplan.unknown-template", "no template " + templateKey, templateKey));
		Head h = lock(plan, expectedVersion);
		CarePlanContent current = content(plan, h.version());
		boolean already = current.problems().stream().anyMatch(p -> templateKey.equals(p.template()))
				|| current.goals().stream().anyMatch(g -> templateKey.equals(g.template()));
		if (already) {
			throw new DomainException("careplan.template-applied", "already applied", t.view().title("en"));
		}
		LocalDate today = LocalDate.now(zone());
		CarePlanContent applied = templates.apply(t, content(plan, h.version()), today);
		return save(plan, expectedVersion, applied, "Applied template: " + t.view().title("en"));
	}

	private java.time.ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneId.systemDefault());
	}

	@Override
	public int setReviewDue(UUID plan, int expectedVersion, LocalDate reviewDue, String reason) {
		if (reason == null || reason.isBlank()) throw new DomainException("careplan.reason-required", "say why");
		if (reviewDue.isBefore(LocalDate.now(zone()))) throw new DomainException("careplan.review-past", "a review date ahead");
		Head h = lock(plan, expectedVersion);
		int next = h.version() + 1;
		insertVersion(plan, next, content(plan, h.version()), reviewDue, reason);
		jdbc.sql("update care_plan set current_version = ?, review_due = ?, updated_at = now() where id = ?")
			.params(next, reviewDue, plan).update();
		tasks.cancelFromSource("careplan-review:" + plan, "Review date changed");
		cases.find(h.caseId()).ifPresent(c -> {
			var org = organizations.primary().orElseThrow();
			tasks.create(new NewTask(h.patient(), h.caseId(), TaskType.CARE_PLAN_REVIEW, "Review the care plan with the patient",
					null, c.caseManager(), null, TaskPriority.ROUTINE, null, organizations.calendar(org.id()).endOfDay(reviewDue),
					"careplan-review:" + plan));
		});
		audit.record(new AuditEntry("UPDATE", "CarePlan", plan.toString(), h.patient(),
				org.caremap.audit.AuditOutcome.SUCCESS, "version " + next + ", review due " + reviewDue));
		return next;
	}

	@Override
	public void recordAgreement(UUID plan, String partyName, CarePlanView.Relation relation, CarePlanView.Method method,
			Instant agreedAt, @Nullable String note) {
		if (partyName == null || partyName.isBlank()) throw new DomainException("careplan.agreement-who", "who agreed");
		if (agreedAt.isAfter(Instant.now().plusSeconds(300))) {
			throw new DomainException("careplan.agreement-future", "an agreement cannot be in the future");
		}
		Head h = head(plan, false).orElseThrow(() -> new NotFoundException("care plan", plan));
		access.require(h.patient(), AccessPurpose.WRITE);
		requireShown(h.patient(), h.caseId());
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into care_plan_agreement (id, plan_id, version, party_name, party_relation, method, agreed_at, note,
				                                 recorded_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, plan, h.version(), partyName.trim(), relation.name(), method.name(),
					java.sql.Timestamp.from(agreedAt), note == null || note.isBlank() ? null : note.trim(), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("AGREE", "CarePlan", plan.toString(), h.patient()));
	}

	@Override
	public void recordProgress(UUID plan, UUID goal, CarePlanContent.Achievement achievement, String note) {
		if (note == null || note.isBlank()) throw new DomainException("careplan.progress-note", "a progress note needs text");
		Head h = head(plan, false).orElseThrow(() -> new NotFoundException("care plan", plan));
		access.require(h.patient(), AccessPurpose.WRITE);
		requireShown(h.patient(), h.caseId());
		if (content(plan, h.version()).goal(goal).isEmpty()) throw new NotFoundException("goal", goal);
		jdbc.sql("""
				insert into goal_progress (id, plan_id, goal_id, achievement, note, recorded_by) values (?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), plan, goal, achievement.name(), note.trim(), CurrentActor.name()).update();
		audit.record(AuditEntry.write("PROGRESS", "Goal", goal.toString(), h.patient()));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CarePlanContent> version(UUID plan, int version) {
		CarePlanView v = find(plan).orElseThrow(() -> new NotFoundException("care plan", plan));
		if (version < 1 || version > v.version()) return Optional.empty();
		return Optional.of(content(plan, version));
	}

	@Override
	@Transactional(readOnly = true)
	public PlanDiff diff(UUID plan, int from, int to) {
		CarePlanView v = find(plan).orElseThrow(() -> new NotFoundException("care plan", plan));
		if (from < 1 || to < 1 || from > v.version() || to > v.version()) {
			throw new DomainException("careplan.no-version", "no such version", Math.max(from, to));
		}
		LocalDate reviewFrom = v.versions().stream().filter(x -> x.version() == from).findFirst().orElseThrow().reviewDue();
		LocalDate reviewTo = v.versions().stream().filter(x -> x.version() == to).findFirst().orElseThrow().reviewDue();
		return PlanDiffer.diff(from, content(plan, from), reviewFrom, to, content(plan, to), reviewTo);
	}

	@Override
	public List<TemplateView> templates() {
		return templates.all();
	}

	@Override
	@Transactional(readOnly = true)
	public List<TemplateSuggestion> suggestions(UUID plan) {
		CarePlanView v = find(plan).orElseThrow(() -> new NotFoundException("care plan", plan));
		Set<String> applied = new HashSet<>();
		v.content().problems().forEach(p -> {
			if (p.template() != null) applied.add(p.template());
		});
		v.content().goals().forEach(g -> {
			if (g.template() != null) applied.add(g.template());
		});
		List<Suggestion> fromAssessments = assessments.suggestions(v.patient());
		List<String> conditions = patients.details(v.patient()).map(PatientDetails::conditions).orElse(List.of()).stream()
			.map(CodedCondition::code).toList();
		List<TemplateSuggestion> out = new ArrayList<>();
		for (TemplateView t : templates.all()) {
			if (applied.contains(t.key())) continue;
			Optional<Suggestion> s = fromAssessments.stream().filter(x -> t.triggers().contains(x.code())).findFirst();
			if (s.isPresent()) {
				out.add(new TemplateSuggestion(t, s.get().instrumentTitle() + " result"));
				continue;
			}
			conditions.stream().filter(c -> t.conditions().stream().anyMatch(c.replace(".", "")::startsWith)).findFirst()
				.ifPresent(c -> out.add(new TemplateSuggestion(t, "coded condition " + c)));
		}
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] patientCopy(UUID plan, String language) {
		CarePlanView v = find(plan).orElseThrow(() -> new NotFoundException("care plan", plan));
		CopyFacts facts = copyFacts(v, language, "patient copy (" + language + ")");
		// a Part 2 plan printed for a reader who sees it under the patient's consent carries the full notice (42 CFR 2.32)
		Part2Segment segment = segmentation.part2(v.patient());
		boolean notice = segment.needsNotice() && segment.labels(v.caseId().value());
		return PatientCopy.render(v, facts.patientName(), facts.manager(), facts.organization(), language,
				LocalDate.now(zone()), zone(), facts.words(), notice);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PatientPlanText> patientCopyText(PatientId patient, String language) {
		List<CarePlanView> plans = ofPatient(patient);
		Optional<CarePlanView> current = plans.stream().filter(p -> "ACTIVE".equals(p.status())).findFirst()
			.or(() -> plans.stream().findFirst());
		return current.map(v -> {
			CopyFacts facts = copyFacts(v, language, "patient copy as text (" + language + ")");
			return PatientCopy.text(v, facts.patientName(), facts.manager(), facts.organization(), language,
					LocalDate.now(zone()), zone(), facts.words());
		});
	}

	/** What the patient's copy prints besides the plan: names, and what other modules say about interventions. */
	private record CopyFacts(String patientName, String manager, String organization, Map<UUID, List<String>> words) {
	}

	private CopyFacts copyFacts(CarePlanView v, String language, String detail) {
		PatientDetails patient = patients.details(v.patient()).orElseThrow(() -> new NotFoundException("patient", v.patient()));
		CaseView c = cases.find(v.caseId()).orElseThrow();
		String manager = accounts.displayNames(List.of(c.caseManager())).getOrDefault(c.caseManager(), "");
		String organization = organizations.primary().map(o -> o.name()).orElse("");
		audit.record(new AuditEntry("EXPORT", "CarePlan", v.id().toString(), v.patient(),
				org.caremap.audit.AuditOutcome.SUCCESS, detail));
		// what other modules tell the patient about each intervention (what the insurer approved), in plain words
		Map<UUID, List<String>> words = new java.util.HashMap<>();
		List<UUID> interventions = v.content().interventions().stream().map(CarePlanContent.Intervention::id).toList();
		String lang = PatientCopy.language(language);
		interventionNotes.orderedStream().forEach(source -> source.forPatient(v.patient(), interventions, lang, LocalDate.now(zone()))
			.forEach((id, lines) -> words.computeIfAbsent(id, k -> new ArrayList<>()).addAll(lines)));
		return new CopyFacts(patient.header().givenName() + " " + patient.header().familyName(), manager, organization,
				words);
	}
}
