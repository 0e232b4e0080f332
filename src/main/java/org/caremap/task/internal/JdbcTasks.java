package org.caremap.task.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPage;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskQuery;
import org.caremap.task.TaskRecord;
import org.caremap.task.TaskStatus;
import org.caremap.task.TaskType;
import org.caremap.task.TaskView;
import org.caremap.task.TaskCompleted;
import org.caremap.task.TimeSpent;
import org.caremap.task.Tasks;
import org.caremap.task.WorklistRow;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcTasks implements Tasks {

	private static final String OPEN = "('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final PatientRegistry patients;
	private final Cases cases;
	private final Organizations organizations;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final org.caremap.identity.UserAccounts accounts;
	private final TransitionSteps steps;
	private final CoverRouting routing;
	private final org.caremap.access.Segmentation segmentation;

	JdbcTasks(CoverRouting routing, TransitionSteps steps, org.caremap.identity.UserAccounts accounts, JdbcClient jdbc, PatientAccess access, PatientRegistry patients, Cases cases, Organizations organizations,
			AuditTrail audit, ApplicationEventPublisher events, org.caremap.access.Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.access = access;
		this.patients = patients;
		this.cases = cases;
		this.organizations = organizations;
		this.audit = audit;
		this.events = events;
		this.accounts = accounts;
		this.steps = steps;
		this.routing = routing;
	}

	@Override
	public TaskId create(NewTask t) {
		access.require(t.patient(), AccessPurpose.CONTRIBUTE);
		if (t.caseId() != null && !cases.belongsTo(t.caseId(), t.patient())) {
			throw new DomainException("task.case-mismatch", "the case is not this patient's");
		}
		if (t.ownerUser() != null) requireCanWorkOn(t.ownerUser(), t.patient());
		if (t.source() != null) {
			Optional<TaskId> existing = jdbc.sql("select id from task where source = ? and status in " + OPEN + " limit 1")
				.param(t.source())
				.query((rs, n) -> new TaskId(rs.getObject(1, UUID.class)))
				.optional();
			if (existing.isPresent()) return existing.get();
		}
		// someone may act for the owner (cover, on call): the one place an owner is chosen for work Caremap makes
		CoverRouting.Routed routed = routing.route(t, Instant.now());
		NewTask given = routed.task();
		if (routed.acting() != null && given.ownerUser() != null) requireCanWorkOn(given.ownerUser(), given.patient());
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into task (id, patient_id, case_id, type, title, description, owner_user_id, owner_team_id, status,
				                  priority, not_before, due_at, source, created_by, acting_for, acting_by, acting_kind, acting_ref,
				                  title_key, title_args, description_key, description_args, for_patient)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'READY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, t.patient().value(), t.caseId() == null ? null : t.caseId().value(), t.type().name(), t.title().trim(),
					t.description() != null || t.descriptionKey() == null ? t.description()
							: new TaskText(t.descriptionKey(), t.descriptionArgs()).english(),
					given.ownerUser() == null ? null : given.ownerUser().value(), t.ownerTeam(), t.priority().name(),
					time(t.notBefore()), time(t.due()), t.source(), CurrentActor.name(),
					routed.intended() == null ? null : routed.intended().value(),
					routed.acting() == null ? null : routed.acting().person().value(),
					routed.acting() == null ? null : routed.acting().kind().name(),
					routed.acting() == null ? null : routed.acting().ref(), t.titleKey(),
					t.titleKey() == null ? null : t.titleArgs().toArray(String[]::new), t.descriptionKey(),
					t.descriptionKey() == null ? null : t.descriptionArgs().toArray(String[]::new), t.patientDoes())
			.update();
		step(id, "STATUS", null, "READY", null);
		if (routed.acting() != null && routed.intended() != null) {
			step(id, "OWNER", "user:" + routed.intended(), "user:" + routed.acting().person(),
					routed.acting().kind() == org.caremap.team.Cover.Kind.ON_CALL ? "after hours: to whoever is on call" : "the owner is away: to their cover");
		}
		audit.record(new AuditEntry("CREATE", "Task", id.toString(), t.patient(), AuditOutcome.SUCCESS,
				t.patientDoes() ? "for the patient to do" : null));
		return new TaskId(id);
	}

	/** The statuses from which the transition table lets a task be completed. */
	static String[] completable() {
		return java.util.Arrays.stream(TaskStatus.values()).filter(s -> s.next().contains(TaskStatus.COMPLETED))
			.map(Enum::name).toArray(String[]::new);
	}

	@Override
	@Transactional(readOnly = true)
	public List<TaskView> forThePatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		// served by task_for_patient_open_idx
		List<TaskView> tasks = jdbc.sql("""
				select * from task where patient_id = ? and for_patient and status = any(?)
				order by due_at nulls last, created_at""")
			.params(patient.value(), completable()).query((rs, n) -> read(rs)).list();
		audit.record(new AuditEntry("READ", "Task", null, patient, AuditOutcome.SUCCESS, tasks.size() + " tasks for the patient"));
		return tasks;
	}

	/** The closing note of a task the patient marked done in the portal, with the name of who did it. */
	static final String DONE_IN_PORTAL = "task.outcome.doneInPortal";

	@Override
	public boolean doneByThePatient(PatientId patient, TaskId id) {
		org.caremap.identity.PortalPrincipal me = org.caremap.identity.PortalPrincipal.get()
			.filter(p -> p.patient().equals(patient))
			.orElseThrow(() -> new AccessDeniedException("only the patient or their family in the portal mark this done"));
		access.require(patient, AccessPurpose.CONTRIBUTE);
		record Row(String status) {
		}
		Row row = jdbc.sql("select status from task where id = ? and patient_id = ? and for_patient for update")
			.params(id.value(), patient.value())
			.query((rs, n) -> new Row(rs.getString(1))).optional()
			.orElseThrow(() -> new NotFoundException("task", id));
		if (TaskStatus.valueOf(row.status()) == TaskStatus.COMPLETED) return false; // pressed twice, or the team closed it
		String words = "Done in the patient portal by " + me.displayName();
		// the guard: this patient's, for the patient, and in a status the transition table lets be completed
		int done = jdbc.sql("""
				update task set status = 'COMPLETED', outcome = ?, outcome_key = ?, outcome_args = ?, completed_at = now(),
				       completed_by = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and patient_id = ? and for_patient and status = any(?)""")
			.params(words, DONE_IN_PORTAL, new String[] { me.displayName() }, me.auditName(), me.auditName(), id.value(),
					patient.value(), completable())
			.update();
		if (done == 0) throw illegal(TaskStatus.valueOf(row.status()), "complete");
		step(id.value(), "STATUS", row.status(), TaskStatus.COMPLETED.name(), words);
		audit.record(new AuditEntry("COMPLETE", "Task", id.toString(), patient, AuditOutcome.SUCCESS,
				me.proxy() ? "by a family member in the portal" : "by the patient in the portal"));
		return true;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<TaskView> find(TaskId id) {
		Optional<TaskView> task = jdbc.sql("select * from task where id = ?").param(id.value())
			.query((rs, n) -> read(rs)).optional();
		task.ifPresent(t -> {
			access.require(t.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read("Task", id.toString(), t.patient()));
		});
		return task;
	}

	@Override
	@Transactional(readOnly = true)
	public List<TaskView> ofPatient(PatientId patient) {
		return ofPatientShown(patient).shown();
	}

	@Override
	@Transactional(readOnly = true)
	public org.caremap.access.Part2Segment.Filtered<TaskView> ofPatientShown(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<TaskView> all = jdbc.sql("""
				select * from task where patient_id = ?
				order by case when status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD') then 0 else 1 end,
				         case priority when 'STAT' then 0 when 'ASAP' then 1 when 'URGENT' then 2 else 3 end,
				         coalesce(due_at, created_at) desc""")
			.param(patient.value()).query((rs, n) -> read(rs)).list();
		// the tasks of a case in a 42 CFR Part 2 program are the program's records
		var tasks = segmentation.part2(patient).filter(all, t -> t.caseId() == null ? null : t.caseId().value());
		audit.record(new AuditEntry("READ", "Task", null, patient, AuditOutcome.SUCCESS, tasks.shown().size() + " tasks"));
		return tasks;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<TaskRecord> record(TaskId id) {
		Optional<TaskRecord> task = jdbc.sql("select t.*, " + STATUS_NOTE + " from task t where t.id = ?").param(id.value())
			.query((rs, n) -> record(rs)).optional();
		task.ifPresent(t -> {
			access.require(t.task().patient(), AccessPurpose.READ);
			if (segmentation.part2(t.task().patient()).withholds(t.task().caseId() == null ? null : t.task().caseId().value())) {
				audit.record(new AuditEntry("READ", "Task", id.toString(), t.task().patient(), AuditOutcome.DENIED, "42 CFR Part 2"));
				throw org.caremap.access.Part2Labels.withheld("task " + id);
			}
			audit.record(AuditEntry.read("Task", id.toString(), t.task().patient()));
		});
		return task;
	}

	@Override
	@Transactional(readOnly = true)
	public TaskPage search(TaskQuery query, int offset, int limit) {
		StringBuilder where = new StringBuilder(" from task t where true");
		Map<String, Object> params = new java.util.HashMap<>();
		if (query.patient() != null) {
			access.require(query.patient(), AccessPurpose.READ);
			where.append(" and t.patient_id = :patient");
			params.put("patient", query.patient().value());
		}
		if (query.owner() != null) {
			where.append(" and t.owner_user_id = :owner");
			params.put("owner", query.owner().value());
		}
		if (!query.statuses().isEmpty()) {
			where.append(" and t.status = any(:statuses)");
			params.put("statuses", query.statuses().stream().map(Enum::name).toArray(String[]::new));
		}
		if (query.dueFrom() != null) {
			where.append(" and t.due_at >= :dueFrom");
			params.put("dueFrom", time(query.dueFrom()));
		}
		if (query.dueTo() != null) {
			where.append(" and t.due_at <= :dueTo");
			params.put("dueTo", time(query.dueTo()));
		}
		if (query.changedFrom() != null) {
			where.append(" and coalesce(t.updated_at, t.created_at) >= :changedFrom");
			params.put("changedFrom", time(query.changedFrom()));
		}
		if (query.changedTo() != null) {
			where.append(" and coalesce(t.updated_at, t.created_at) <= :changedTo");
			params.put("changedTo", time(query.changedTo()));
		}
		List<PatientId> concerned = query.patient() != null ? List.of(query.patient())
				: jdbc.sql("select distinct t.patient_id" + where).params(params)
					.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list();
		if (query.patient() == null) {
			Set<PatientId> readable = access.readable(concerned);
			if (readable.size() < concerned.size()) {
				where.append(" and t.patient_id = any(:readable)");
				params.put("readable", readable.stream().map(PatientId::value).toArray(UUID[]::new));
				concerned = concerned.stream().filter(readable::contains).toList();
			}
		}
		// the tasks of Part 2 cases the reader is outside of are left out (counted for the FHIR outcome), exactly
		var segments = segmentation.part2(concerned);
		UUID[] withheldCases = segments.values().stream().flatMap(g -> g.withheldCases().stream()).distinct().toArray(UUID[]::new);
		int withheld = 0;
		if (withheldCases.length > 0) {
			long before = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
			where.append(" and (t.case_id is null or t.case_id <> all(:withheldCases))");
			params.put("withheldCases", withheldCases);
			withheld = (int) Math.min(Integer.MAX_VALUE, before - jdbc.sql("select count(*)" + where).params(params).query(Long.class).single());
		}
		long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		params.put("limit", Math.max(limit, 0));
		params.put("offset", Math.max(offset, 0));
		List<TaskRecord> page = jdbc.sql("select t.*, " + STATUS_NOTE + where
				+ " order by t.due_at nulls last, t.id limit :limit offset :offset")
			.params(params).query((rs, n) -> record(rs)).list();
		java.util.function.Function<TaskRecord, @org.jspecify.annotations.Nullable UUID> caseOf =
				t -> t.task().caseId() == null ? null : t.task().caseId().value();
		boolean notice = page.stream().anyMatch(t -> segments.get(t.task().patient()).needsNotice()
				&& segments.get(t.task().patient()).labels(caseOf.apply(t)));
		audit.recordAll(page.stream()
			.map(t -> AuditEntry.read("Task", t.task().id().toString(), t.task().patient())).toList());
		return new TaskPage(page, total, withheld, notice, page.stream()
			.filter(t -> segments.get(t.task().patient()).labels(caseOf.apply(t))).map(t -> t.task().id())
			.collect(java.util.stream.Collectors.toSet()));
	}

	@Override
	public void start(TaskId id) {
		move(id, TaskStatus.IN_PROGRESS, "start", null);
	}

	@Override
	public void complete(TaskId id, String outcome) {
		complete(id, outcome, null, null);
	}

	@Override
	public void complete(TaskId id, String outcome, @Nullable TimeSpent spent) {
		complete(id, outcome, null, spent);
	}

	/** Completes the task with the note Caremap writes (a text of the bundle, in each reader's language). */
	void complete(TaskId id, TaskText note) {
		complete(id, note.english(), note, null);
	}

	private void complete(TaskId id, String outcome, @Nullable TaskText note, @Nullable TimeSpent spent) {
		TaskView done = move(id, TaskStatus.COMPLETED, "complete", text(outcome), note);
		Instant now = Instant.now();
		String source = jdbc.sql("""
				update task set outcome = ?, outcome_key = ?, outcome_args = ?, completed_at = ?, completed_by = ?,
				minutes_spent = ?, time_of = ?, work_kind = ?
				where id = ? returning source""")
			.params(outcome.trim(), note == null ? null : note.key(), note == null ? null : note.stored(), time(now),
					CurrentActor.name(), spent == null ? null : spent.minutes(), spent == null ? null : spent.whose().name(),
					spent == null ? null : spent.kind().name(), id.value()).query(String.class).optional().orElse(null);
		events.publishEvent(new TaskCompleted(id, done.patient(), done.caseId(), done.type(), now, CurrentActor.name(), spent));
		// a transition's reconciliation or visit marked done: the step is met by that (a call needs a logged contact)
		TransitionSteps.target(source).filter(t -> t.step() != TransitionWork.Step.CONTACT)
			.ifPresent(t -> steps.metByTask(t.encounter(), t.step(), now, "Task marked done by " + accounts.findByUsername(CurrentActor.name()).map(u -> u.displayName()).orElse(CurrentActor.name()) + ": " + outcome.trim()));
	}

	@Override
	public void contactLogged(TaskId id, Instant at, boolean reached, boolean withPatientOrCaregiver, String outcome) {
		String source = jdbc.sql("select source from task where id = ?").param(id.value()).query(String.class).optional().orElse(null);
		TransitionSteps.target(source).filter(t -> t.step() == TransitionWork.Step.CONTACT).ifPresent(t -> {
			if (reached && withPatientOrCaregiver) steps.met(t.encounter(), t.step(), at, outcome);
			else if (!reached && withPatientOrCaregiver) steps.attempt(t.encounter(), at);
		});
		if (reached) complete(id, outcome);
	}

	@Override
	public void hold(TaskId id, String reason) {
		move(id, TaskStatus.ON_HOLD, "hold", text(reason));
	}

	@Override
	public void resume(TaskId id, String note) {
		move(id, TaskStatus.READY, "resume", text(note));
	}

	@Override
	public void cancel(TaskId id, String reason) {
		move(id, TaskStatus.CANCELLED, "cancel", text(reason));
	}

	@Override
	public void fail(TaskId id, String reason) {
		move(id, TaskStatus.FAILED, "fail", text(reason));
	}

	@Override
	public void reassign(TaskId id, @Nullable UserId toUser, @Nullable UUID toTeam, String reason) {
		if ((toUser == null) == (toTeam == null)) {
			throw new DomainException("task.reassign-target", "give the task to one person or one team");
		}
		String why = text(reason);
		TaskView task = writable(id);
		if (!task.status().open()) throw illegal(task.status(), "reassign");
		if (toUser != null) requireCanWorkOn(toUser, task.patient());
		jdbc.sql("""
				update task set owner_user_id = ?, owner_team_id = ?, escalated_at = null, version = version + 1,
				       updated_at = now(), updated_by = ? where id = ?""")
			.params(toUser == null ? null : toUser.value(), toTeam, CurrentActor.name(), id.value()).update();
		step(id.value(), "OWNER", owner(task), toUser != null ? "user:" + toUser : "team:" + toTeam, why);
		audit.record(new AuditEntry("REASSIGN", "Task", id.toString(), task.patient(), AuditOutcome.SUCCESS, why));
	}

	@Override
	public void claim(TaskId id) {
		CurrentUser me = CurrentUser.require();
		Set<UUID> teams = organizations.teamsOf(me.id());
		TaskView task = jdbc.sql("select * from task where id = ?").param(id.value()).query((rs, n) -> read(rs))
			.optional().orElseThrow(() -> new NotFoundException("task", id));
		if (task.ownerTeam() == null || !teams.contains(task.ownerTeam())) {
			throw new AccessDeniedException("the task is not in one of your team queues");
		}
		int claimed = jdbc.sql("""
				update task set owner_user_id = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and owner_user_id is null and status in """ + " " + OPEN)
			.params(me.id().value(), me.getUsername(), id.value())
			.update();
		if (claimed == 0) throw new DomainException("task.already-claimed", "someone took this task already");
		step(id.value(), "OWNER", "team:" + task.ownerTeam(), "user:" + me.id(), "claimed");
		audit.record(AuditEntry.write("CLAIM", "Task", id.toString(), task.patient()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<WorklistRow> myDay(UserId user, @Nullable Instant horizon) {
		return worklist(user, horizon, organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC)).rows();
	}

	/**
	 * One statement: how many of the user's own open tasks are due at or after the horizon, and their open tasks due
	 * before it with the team queues' (two range scans of the owner's and the team's open-task indexes), each joined by
	 * key to the worklist's read model (the patient's display data, the case's acuity; see {@link WorklistReadModel}).
	 */
	private static final String WORKLIST = """
			select l.later, w.*, p.family_name as wl_family, p.given_name as wl_given, p.birth_date as wl_birth,
			       p.preferred_language as wl_language, p.voided as wl_voided, c.acuity as wl_acuity
			from (select count(*) as later from task where status in %1$s and owner_user_id = :me and due_at >= :horizon) l
			left join ((select * from task where status in %1$s and owner_user_id = :me and (due_at < :horizon or due_at is null)
			            order by due_at nulls last limit 500)
			           union all
			           (select * from task where status in %1$s and owner_user_id is null and owner_team_id = any(:teams)
			            order by due_at nulls last limit 200)) w on true
			left join task_worklist_patient p on p.patient_id = w.patient_id
			left join task_worklist_case c on c.case_id = w.case_id""".formatted(OPEN);

	@Override
	@Transactional(readOnly = true)
	public org.caremap.task.Worklist worklist(UserId user, @Nullable Instant horizon, ZoneId zone) {
		CurrentUser me = CurrentUser.require();
		if (!me.id().equals(user)) throw new AccessDeniedException("another user's worklist");
		UUID[] teams = organizations.teamsOf(user).toArray(UUID[]::new);
		record Read(TaskView task, @Nullable PatientHeader header, boolean voided, @Nullable String acuity,
				@Nullable UUID actingFor) {
		}
		long[] later = { 0 };
		List<Read> read = new ArrayList<>();
		jdbc.sql(WORKLIST)
			.param("me", user.value())
			.param("teams", teams)
			.param("horizon", java.sql.Timestamp.from(horizon == null ? Instant.parse("9999-01-01T00:00:00Z") : horizon))
			.query(rs -> {
				later[0] = horizon == null ? 0 : rs.getLong("later");
				if (rs.getObject("id") == null) return; // no task: the count alone
				TaskView t = read(rs);
				// the read model keeps what a row shows (name, age, language): the header's sex and record number
				// are not on the worklist and are left unknown
				String family = rs.getString("wl_family");
				PatientHeader header = family == null ? null
						: new PatientHeader(t.patient(), family, rs.getString("wl_given"),
								rs.getObject("wl_birth", LocalDate.class), org.caremap.patient.Sex.UNKNOWN,
								rs.getString("wl_language"), null);
				UUID acting = rs.getObject("acting_for", UUID.class);
				UUID owner = rs.getObject("owner_user_id", UUID.class);
				// as in actingFor: someone acting for the owner has the task now
				read.add(new Read(t, header, rs.getBoolean("wl_voided"), rs.getString("wl_acuity"),
						acting != null && owner != null && owner.equals(rs.getObject("acting_by", UUID.class)) ? acting : null));
			});
		// the read model names the patient: shown when the user may see the patient's header (audited as such);
		// a patient the read model has not heard of yet (its event still on its way) is named by the patient module
		Set<PatientId> known = new java.util.LinkedHashSet<>();
		Set<PatientId> unknown = new java.util.LinkedHashSet<>();
		for (Read r : read) {
			if (r.header() == null) unknown.add(r.task().patient());
			else if (!r.voided()) known.add(r.task().patient());
		}
		Set<PatientId> shown = patients.headersShown(known);
		Map<PatientId, PatientHeader> fallback = patients.headers(unknown);
		Set<CaseId> noAcuity = new java.util.LinkedHashSet<>();
		for (Read r : read) {
			if (r.task().caseId() != null && r.acuity() == null) noAcuity.add(r.task().caseId());
		}
		Map<CaseId, Acuity> acuities = cases.acuities(noAcuity);
		Instant now = Instant.now();
		LocalDate today = LocalDate.now(zone);
		java.util.Locale reader = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		List<WorklistRow> rows = new ArrayList<>();
		Map<TaskId, UserId> acting = new java.util.HashMap<>();
		for (Read r : read) {
			TaskView t = r.task();
			PatientHeader h = r.header() != null ? (shown.contains(t.patient()) && !r.voided() ? r.header() : null)
					: fallback.get(t.patient());
			if (h == null) continue; // no longer a patient of this user's
			boolean queue = t.ownerUser() == null;
			WorklistRow.Bucket bucket = queue ? WorklistRow.Bucket.QUEUE
					: t.due() != null && t.due().isBefore(now) ? WorklistRow.Bucket.OVERDUE
							: t.due() != null && !t.due().atZone(zone).toLocalDate().isAfter(today) ? WorklistRow.Bucket.DUE_TODAY
									: WorklistRow.Bucket.UPCOMING;
			long late = t.due() == null ? 0 : Math.max(0, java.time.Duration.between(t.due(), now).toMinutes());
			String acuity = r.acuity() != null ? r.acuity()
					: t.caseId() == null || !acuities.containsKey(t.caseId()) ? null : acuities.get(t.caseId()).name();
			rows.add(new WorklistRow(t, t.patient(), h.displayName(), h.ageOn(today), h.languageName(reader), acuity, queue,
					bucket, late));
			if (r.actingFor() != null) acting.put(t.id(), new UserId(r.actingFor()));
		}
		return new org.caremap.task.Worklist(byPatient(ranked(rows)), later[0], acting);
	}

	/**
	 * The day's order: the user's own work before the team queues'; in each, safety work first (a safety follow-up,
	 * or anything STAT), then late work, the latest first, then the rest by due time; ties go to the higher priority,
	 * then the higher acuity.
	 */
	static List<WorklistRow> ranked(List<WorklistRow> rows) {
		List<WorklistRow> sorted = new ArrayList<>(rows);
		sorted.sort(Comparator.comparing(WorklistRow::teamQueue)
			.thenComparingInt(JdbcTasks::tier)
			.thenComparing((WorklistRow r) -> r.task().due() == null ? Instant.MAX : r.task().due())
			.thenComparing((WorklistRow r) -> r.task().priority(), Comparator.reverseOrder())
			.thenComparing((WorklistRow r) -> r.acuity() == null ? -1 : Acuity.valueOf(r.acuity()).ordinal(),
					Comparator.reverseOrder()));
		return sorted;
	}

	/** 0 for safety work, 1 for late work, 2 for the rest. */
	private static int tier(WorklistRow r) {
		if (r.task().type() == TaskType.SAFETY_FOLLOW_UP || r.task().priority() == TaskPriority.STAT) return 0;
		return r.bucket() == WorklistRow.Bucket.OVERDUE ? 1 : 2;
	}

	/**
	 * A patient's rows together, at the place of the patient's most urgent row, in their own order; the user's own
	 * work and the team queues' stay apart.
	 */
	static List<WorklistRow> byPatient(List<WorklistRow> ranked) {
		Map<List<Object>, List<WorklistRow>> groups = new java.util.LinkedHashMap<>();
		for (WorklistRow r : ranked) {
			groups.computeIfAbsent(List.of(r.teamQueue(), r.patient()), k -> new ArrayList<>()).add(r);
		}
		return groups.values().stream().flatMap(List::stream).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public long openFrom(UserId user, Instant horizon) {
		if (!CurrentUser.require().id().equals(user)) throw new AccessDeniedException("another user's worklist");
		return jdbc.sql("select count(*) from task where status in " + OPEN + " and owner_user_id = ? and due_at >= ?")
			.params(user.value(), java.sql.Timestamp.from(horizon))
			.query(Long.class)
			.single();
	}

	@Override
	public int cancelFromSource(String source, String reason) {
		return cancelFromSource(source, reason, null);
	}

	/** Cancels the open tasks made from this source with the note Caremap writes (in each reader's language). */
	int cancelFromSource(String source, TaskText note) {
		return cancelFromSource(source, note.english(), note);
	}

	private int cancelFromSource(String source, String reason, @Nullable TaskText note) {
		List<UUID> ids = jdbc.sql("select id from task where source = ? and status in " + OPEN).param(source)
			.query(UUID.class).list();
		for (UUID id : ids) {
			jdbc.sql("update task set status = 'CANCELLED', version = version + 1, updated_at = now(), updated_by = ? where id = ?")
				.params(CurrentActor.name(), id).update();
			step(id, "STATUS", null, "CANCELLED", reason, note);
		}
		return ids.size();
	}

	/** Completes the open tasks made from this source (an assessment done completes its own task). */
	int completeFromSource(String source, String outcome) {
		List<UUID> ids = jdbc.sql("select id from task where source = ? and status in " + OPEN).param(source)
			.query(UUID.class).list();
		ids.forEach(id -> complete(new TaskId(id), outcome));
		return ids.size();
	}

	/** Completes the open tasks made from this source with the note Caremap writes (in each reader's language). */
	int completeFromSource(String source, TaskText note) {
		List<UUID> ids = jdbc.sql("select id from task where source = ? and status in " + OPEN).param(source)
			.query(UUID.class).list();
		ids.forEach(id -> complete(new TaskId(id), note));
		return ids.size();
	}

	/**
	 * Holds the source until the caller's transaction ends: a listener that makes work from an event and one that
	 * closes it (assigned and cancelled, discharged and cancelled) may run at the same time, in either order; each
	 * takes the source first, so the one that closes sees what the other made, or the one that makes sees, when it
	 * asks the owning module, that the thing is already closed.
	 */
	void holdSource(String source) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(source).query((rs, n) -> 1).list();
	}

	/** Whether any task, open or not, was ever made from this source: a listener's guard against an event seen twice. */
	boolean madeFrom(String source) {
		return jdbc.sql("select exists (select 1 from task where source = ?)").param(source).query(Boolean.class).single();
	}

	/** A task goes only to someone who can open the patient's record, or it would never show on their day. */
	private void requireCanWorkOn(UserId owner, PatientId patient) {
		var user = accounts.find(owner).filter(u -> u.enabled())
			.orElseThrow(() -> new DomainException("task.owner-unknown", "no such active user"));
		if (!access.canRead(owner, patient)) {
			throw new DomainException("task.owner-no-access", user.displayName() + " does not care for this patient",
					user.displayName());
		}
	}

	/** The task, if the current user may change it: the patient is theirs to work on. */
	private TaskView writable(TaskId id) {
		TaskView task = jdbc.sql("select * from task where id = ?").param(id.value()).query((rs, n) -> read(rs))
			.optional().orElseThrow(() -> new NotFoundException("task", id));
		access.require(task.patient(), AccessPurpose.CONTRIBUTE);
		return task;
	}

	private TaskView move(TaskId id, TaskStatus to, String action, @Nullable String note) {
		return move(id, to, action, note, null);
	}

	private TaskView move(TaskId id, TaskStatus to, String action, @Nullable String note, @Nullable TaskText text) {
		TaskView task = writable(id);
		if (!task.status().next().contains(to)) throw illegal(task.status(), action);
		int updated = jdbc.sql("""
				update task set status = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and status = ?""")
			.params(to.name(), CurrentActor.name(), id.value(), task.status().name())
			.update();
		if (updated == 0) throw new DomainException("task.changed", "the task was changed by someone else meanwhile");
		step(id.value(), "STATUS", task.status().name(), to.name(), note, text);
		audit.record(new AuditEntry(action.toUpperCase(Locale.ROOT), "Task", id.toString(), task.patient(),
				AuditOutcome.SUCCESS, note));
		return task;
	}

	private static DomainException illegal(TaskStatus status, String action) {
		return new DomainException("task.illegal-transition", "cannot " + action + " a task that is " + status,
				status.name().toLowerCase(Locale.ROOT).replace('_', ' '), action);
	}

	private void step(UUID id, String kind, @Nullable String from, String to, @Nullable String note) {
		step(id, kind, from, to, note, null);
	}

	private void step(UUID id, String kind, @Nullable String from, String to, @Nullable String note, @Nullable TaskText text) {
		jdbc.sql("""
				insert into task_step (task_id, kind, from_value, to_value, note, note_key, note_args, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, kind, from, to, note, text == null ? null : text.key(), text == null ? null : text.stored(),
					CurrentActor.name()).update();
	}

	private static String owner(TaskView t) {
		return t.ownerUser() != null ? "user:" + t.ownerUser() : "team:" + t.ownerTeam();
	}

	private static String text(@Nullable String text) {
		if (text == null || text.isBlank()) throw new DomainException("task.reason-required", "a reason is required");
		return text.trim();
	}

	private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * The message bundle the titles of the tasks Caremap makes are read from (set once by {@link TaskTitles}; the
	 * bundle is the same in every context of the process).
	 */
	static volatile org.springframework.context.@Nullable MessageSource titles;

	/**
	 * A task's title for the reader: a task Caremap made names its title as a text of the bundle, written in the
	 * language of the request (English outside one); others, and any read without the key, keep their words.
	 */
	static String title(java.sql.ResultSet rs) throws java.sql.SQLException {
		return localized(rs, "title", "title_key", "title_args");
	}

	/**
	 * A text Caremap wrote on a task (title, description, closing note) for the reader: its text of the bundle in the
	 * language of the request (English outside one), or the stored words when there is no key.
	 */
	static @Nullable String localized(java.sql.ResultSet rs, String wordsColumn, String keyColumn, String argsColumn)
			throws java.sql.SQLException {
		String words = rs.getString(wordsColumn);
		org.springframework.context.MessageSource bundle = titles;
		if (bundle == null || !hasColumn(rs, keyColumn)) return words;
		String key = rs.getString(keyColumn);
		if (key == null) return words;
		java.sql.Array array = rs.getArray(argsColumn);
		Object[] arguments = array == null ? new Object[0] : (Object[]) array.getArray();
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocaleContext() == null
				? java.util.Locale.ENGLISH : org.springframework.context.i18n.LocaleContextHolder.getLocale();
		return TaskText.read(bundle, key, arguments, words == null ? key : words, locale);
	}

	private static boolean hasColumn(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		java.sql.ResultSetMetaData meta = rs.getMetaData();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			if (column.equalsIgnoreCase(meta.getColumnLabel(i))) return true;
		}
		return false;
	}

	static TaskView read(java.sql.ResultSet rs) throws java.sql.SQLException {
		UUID owner = rs.getObject("owner_user_id", UUID.class);
		UUID caseId = rs.getObject("case_id", UUID.class);
		return new TaskView(new TaskId(rs.getObject("id", UUID.class)), new PatientId(rs.getObject("patient_id", UUID.class)),
				caseId == null ? null : new CaseId(caseId), TaskType.valueOf(rs.getString("type")), title(rs),
				localized(rs, "description", "description_key", "description_args"), owner == null ? null : new UserId(owner),
				rs.getObject("owner_team_id", UUID.class),
				TaskStatus.valueOf(rs.getString("status")), TaskPriority.valueOf(rs.getString("priority")),
				instant(rs.getObject("not_before", OffsetDateTime.class)), instant(rs.getObject("due_at", OffsetDateTime.class)),
				localized(rs, "outcome", "outcome_key", "outcome_args"), instant(rs.getObject("completed_at", OffsetDateTime.class)),
				instant(rs.getObject("escalated_at", OffsetDateTime.class)), rs.getBoolean("for_patient"));
	}

	/** The note of the task's latest status change, as a column of a query over {@code task t}. */
	private static final String STATUS_NOTE = "(select s.note from task_step s where s.task_id = t.id and s.kind = 'STATUS'"
			+ " order by s.id desc limit 1) as status_note,"
			+ " (select s.note_key from task_step s where s.task_id = t.id and s.kind = 'STATUS' order by s.id desc limit 1) as status_note_key,"
			+ " (select s.note_args from task_step s where s.task_id = t.id and s.kind = 'STATUS' order by s.id desc limit 1) as status_note_args";

	private static TaskRecord record(java.sql.ResultSet rs) throws java.sql.SQLException {
		OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
		OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
		return new TaskRecord(read(rs), created.toInstant(), (updated == null ? created : updated).toInstant(),
				localized(rs, "status_note", "status_note_key", "status_note_args"));
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.List<org.caremap.task.DueCount> dueCounts(Instant start, Instant end) {
		return jdbc.sql("""
				select owner_user_id,
				       count(*) filter (where due_at >= :start and due_at < :end),
				       count(*) filter (where due_at < now())
				from task
				where owner_user_id is not null and status in ('REQUESTED', 'READY', 'IN_PROGRESS') and due_at < :end
				group by owner_user_id""")
			.param("start", java.time.OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC))
			.param("end", java.time.OffsetDateTime.ofInstant(end, java.time.ZoneOffset.UTC))
			.query((rs, n) -> new org.caremap.task.DueCount(new UserId(rs.getObject(1, UUID.class)), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<TaskView> escalated(int limit) {
		// served by task_escalated_open_idx: the latest escalation first, a few more than asked for those not readable
		return readableFirst(jdbc.sql("select * from task where escalated_at is not null"
				+ " and status in ('REQUESTED', 'READY', 'IN_PROGRESS') order by escalated_at desc limit :limit"), limit);
	}

	@Override
	@Transactional(readOnly = true)
	public List<TaskView> transitionCallsDue(int limit) {
		// served by task_transition_call_open_idx (the source names the discharge's contact call, see TransitionWork)
		return readableFirst(jdbc.sql("select * from task where source like 'transition:%:contact' and status in "
				+ OPEN + " order by due_at limit :limit"), limit);
	}

	/** Reads a bounded candidate list, keeps the tasks of patients the current user may read, audits what it gives. */
	private List<TaskView> readableFirst(JdbcClient.StatementSpec statement, int limit) {
		int wanted = Math.max(0, Math.min(limit, 100));
		List<TaskView> candidates = statement.param("limit", wanted * 4).query((rs, n) -> read(rs)).list();
		Set<PatientId> readable = access.readable(candidates.stream().map(TaskView::patient).distinct().toList());
		List<TaskView> shown = candidates.stream().filter(t -> readable.contains(t.patient())).limit(wanted).toList();
		audit.recordAll(shown.stream().map(t -> AuditEntry.read("Task", t.id().toString(), t.patient())).toList());
		return shown;
	}

	/**
	 * The work given under an arrangement (cover, on call) that is still open and still with the person acting goes
	 * back to whom it was meant for, when they can still work on the patient; returns how many.
	 */
	int returnActing(UUID ref, String note) {
		record Given(UUID id, PatientId patient, UUID by, UUID owner) {
		}
		List<Given> open = jdbc.sql("select id, patient_id, acting_by, acting_for from task where acting_ref = ? and acting_returned_at is null"
				+ " and owner_user_id = acting_by and status in " + OPEN)
			.param(ref)
			.query((rs, n) -> new Given(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class)))
			.list();
		int returned = 0;
		for (Given g : open) {
			if (!access.canRead(new UserId(g.owner()), g.patient())) continue;
			int moved = jdbc.sql("""
					update task set owner_user_id = acting_for, acting_returned_at = now(), version = version + 1,
					       updated_at = now(), updated_by = ?
					where id = ? and acting_returned_at is null and owner_user_id = acting_by and status in """ + " " + OPEN)
				.params(CurrentActor.name(), g.id()).update();
			if (moved == 0) continue;
			step(g.id(), "OWNER", "user:" + g.by(), "user:" + g.owner(), note);
			audit.record(new AuditEntry("REASSIGN", "Task", g.id().toString(), g.patient(), AuditOutcome.SUCCESS, note));
			returned++;
		}
		return returned;
	}

	@Override
	@Transactional(readOnly = true)
	public List<org.caremap.task.HandledWork> handledFor(UserId owner, Instant since, int limit) {
		if (!CurrentUser.require().id().equals(owner)) throw new AccessDeniedException("another user's worklist");
		record Row(TaskView task, UUID by, String kind, @Nullable Instant returned) {
		}
		List<Row> rows = jdbc.sql("""
				select * from task where acting_for = ? and created_at >= ? order by created_at desc limit ?""")
			.params(owner.value(), time(since), Math.max(1, Math.min(limit, 200)))
			.query((rs, n) -> new Row(read(rs), rs.getObject("acting_by", UUID.class), rs.getString("acting_kind"),
					instant(rs.getObject("acting_returned_at", OffsetDateTime.class))))
			.list();
		Set<PatientId> readable = access.readable(rows.stream().map(r -> r.task().patient()).distinct().toList());
		List<Row> shown = rows.stream().filter(r -> readable.contains(r.task().patient())).toList();
		Map<PatientId, PatientHeader> headers = patients.headers(shown.stream().map(r -> r.task().patient()).distinct().toList());
		Map<UserId, String> names = accounts.displayNames(shown.stream().map(r -> new UserId(r.by())).distinct().toList());
		audit.recordAll(shown.stream().map(r -> AuditEntry.read("Task", r.task().id().toString(), r.task().patient())).toList());
		return shown.stream().map(r -> new org.caremap.task.HandledWork(r.task(),
				headers.containsKey(r.task().patient()) ? headers.get(r.task().patient()).displayName() : "",
				new UserId(r.by()), names.getOrDefault(new UserId(r.by()), ""), r.kind(), r.returned())).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Map<TaskId, UserId> actingFor(java.util.Collection<TaskId> ids) {
		if (ids.isEmpty()) return Map.of();
		Map<TaskId, UserId> out = new java.util.HashMap<>();
		jdbc.sql("select id, acting_for from task where id = any(?) and acting_for is not null and owner_user_id = acting_by")
			.param(ids.stream().map(TaskId::value).toArray(UUID[]::new))
			.query((rs, n) -> out.put(new TaskId(rs.getObject(1, UUID.class)), new UserId(rs.getObject(2, UUID.class))))
			.list();
		return out;
	}
}
