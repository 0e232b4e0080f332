package org.caremap.billing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.billing.DecisionMaking;
import org.caremap.billing.WorksheetSigned;
import org.caremap.billing.WorksheetSummary;
import org.caremap.billing.WorksheetView;
import org.caremap.billing.Worksheets;
import org.caremap.billing.Worksheets.ProgramBilling;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.task.TrackedTransition;
import org.caremap.task.TransitionTracker;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monthly worksheets: facts gathered from the other modules' APIs (as Caremap itself, for the whole program),
 * judged by the {@link EligibilityEngine}, stored as lines with their codes, work and reasons. Only supervisors (and
 * Caremap's own jobs acting as a supervisor) may use them (a refusal is audited where every role refusal is); the
 * patients on a worksheet are audited as read when it is opened.
 */
@org.springframework.stereotype.Service
@Transactional
@PreAuthorize("hasRole('SUPERVISOR')")
class JdbcWorksheets implements Worksheets {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String ACTOR = "billing";

	private final JdbcClient jdbc;
	private final WorkLog work;
	private final Cases cases;
	private final PatientRegistry patients;
	private final CarePlans plans;
	private final TransitionTracker tracker;
	private final Organizations organizations;
	private final ProviderDirectory providers;
	private final Programs programs;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final UserAccounts accounts;
	private final ApplicationEventPublisher events;
	private final MessageSource messages;

	JdbcWorksheets(JdbcClient jdbc, WorkLog work, Cases cases, PatientRegistry patients, CarePlans plans,
			TransitionTracker tracker, Organizations organizations, ProviderDirectory providers, Programs programs,
			PatientAccess access, AuditTrail audit, UserAccounts accounts, ApplicationEventPublisher events,
			MessageSource messages) {
		this.jdbc = jdbc;
		this.work = work;
		this.cases = cases;
		this.patients = patients;
		this.plans = plans;
		this.tracker = tracker;
		this.organizations = organizations;
		this.providers = providers;
		this.programs = programs;
		this.access = access;
		this.audit = audit;
		this.accounts = accounts;
		this.events = events;
		this.messages = messages;
	}

	// --- settings

	@Override
	public void configureProgram(ProgramId program, UUID practitioner, boolean bhiEnabled) {
		requireBilling();
		programs.find(program).orElseThrow(() -> new NotFoundException("program", program));
		requireSupervises(program);
		practitioner(practitioner);
		jdbc.sql("""
				insert into billing_program (program_id, practitioner_id, bhi_enabled, updated_by) values (?, ?, ?, ?)
				on conflict (program_id) do update set practitioner_id = excluded.practitioner_id,
				  bhi_enabled = excluded.bhi_enabled, updated_by = excluded.updated_by, updated_at = now()""")
			.params(program.value(), practitioner, bhiEnabled, CurrentActor.name()).update();
		audit.record(AuditEntry.write("UPDATE", "BillingProgram", program.toString(), null));
	}

	@Override
	@Transactional(readOnly = true)
	public List<ProgramBilling> programBilling() {
		return jdbc.sql("select program_id, practitioner_id, bhi_enabled from billing_program order by program_id")
			.query((rs, n) -> new ProgramBilling(new ProgramId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
					practitionerName(rs.getObject(2, UUID.class)), rs.getBoolean(3)))
			.list();
	}

	@Override
	public void assignCasePractitioner(CaseId caseId, UUID practitioner) {
		requireBilling();
		practitioner(practitioner);
		CaseView c = SystemActor.call(ACTOR, List.of("SYSTEM"), () -> cases.find(caseId))
			.orElseThrow(() -> new NotFoundException("case", caseId));
		requireSupervises(c.program());
		jdbc.sql("""
				insert into billing_case_practitioner (case_id, practitioner_id, updated_by) values (?, ?, ?)
				on conflict (case_id) do update set practitioner_id = excluded.practitioner_id,
				  updated_by = excluded.updated_by, updated_at = now()""")
			.params(caseId.value(), practitioner, CurrentActor.name()).update();
		audit.record(AuditEntry.write("UPDATE", "BillingCasePractitioner", caseId.toString(), c.patient()));
	}

	private ProviderView practitioner(UUID id) {
		ProviderView p = providers.find(id).orElseThrow(() -> new NotFoundException("practitioner", id));
		if (p.kind() != ProviderView.Kind.PRACTITIONER) {
			throw new DomainException("billing.not-a-practitioner", "only a practitioner can bill", p.name());
		}
		return p;
	}

	private record Settings(UUID practitioner, boolean bhi) {
	}

	private Optional<Settings> settings(ProgramId program) {
		return jdbc.sql("select practitioner_id, bhi_enabled from billing_program where program_id = ?")
			.param(program.value()).query((rs, n) -> new Settings(rs.getObject(1, UUID.class), rs.getBoolean(2))).optional();
	}

	private Optional<UUID> casePractitioner(CaseId caseId) {
		return jdbc.sql("select practitioner_id from billing_case_practitioner where case_id = ?").param(caseId.value())
			.query(UUID.class).optional();
	}

	// --- generation

	@Override
	public List<WorksheetSummary> generate(ProgramId program, YearMonth month) {
		requireBilling();
		ProgramView pv = programs.find(program).orElseThrow(() -> new NotFoundException("program", program));
		requireSupervises(program);
		Settings settings = settings(program).orElseThrow(
				() -> new DomainException("billing.no-practitioner", "the program has no billing practitioner", pv.name()));
		Map<UUID, List<Evaluated>> byPractitioner = SystemActor.call(ACTOR, List.of("SYSTEM"), () -> evaluate(program, month));
		byPractitioner.putIfAbsent(settings.practitioner(), new ArrayList<>());
		List<UUID> ids = new ArrayList<>();
		for (Map.Entry<UUID, List<Evaluated>> e : byPractitioner.entrySet()) {
			UUID id = store(program, e.getKey(), month, e.getValue(), null, null);
			if (id != null) ids.add(id);
		}
		return ids.stream().map(this::summary).toList();
	}

	/** One case's outcome with its patient. */
	private record Evaluated(PatientId patient, CaseOutcome outcome, @Nullable DecisionMaking mdm) {
	}

	private Map<UUID, List<Evaluated>> evaluate(ProgramId program, YearMonth month) {
		BusinessCalendar calendar = organizations.primary().map(o -> organizations.calendar(o.id()))
			.orElseGet(() -> new BusinessCalendar(ZoneOffset.UTC, Set.of()));
		EligibilityEngine engine = new EligibilityEngine(codes());
		Map<UUID, List<Evaluated>> result = new LinkedHashMap<>();
		Map<PatientId, List<CaseOutcome>> byPatient = new HashMap<>();
		Map<PatientId, Map<CaseId, UUID>> practitioners = new HashMap<>();
		Map<PatientId, Map<CaseId, @Nullable DecisionMaking>> decisions = new HashMap<>();
		for (CaseId caseId : cases.inProgramDuring(program, month.atDay(1), month.atEndOfMonth())) {
			CaseView c = cases.find(caseId).orElseThrow();
			if (!byPatient.containsKey(c.patient())) {
				Map<CaseId, UUID> who = new HashMap<>();
				Map<CaseId, @Nullable DecisionMaking> mdm = new HashMap<>();
				PatientMonth facts = facts(c.patient(), month, calendar, who, mdm);
				byPatient.put(c.patient(), engine.evaluate(facts));
				practitioners.put(c.patient(), who);
				decisions.put(c.patient(), mdm);
			}
			CaseOutcome outcome = byPatient.get(c.patient()).stream().filter(o -> o.caseId().equals(caseId.value()))
				.findFirst().orElse(null);
			if (outcome == null) continue;
			boolean tcm = outcome.reasons().stream().anyMatch(r -> r.key().startsWith("billing.reason.tcm"));
			if (outcome.work().isEmpty() && outcome.lines().isEmpty() && !tcm) continue;
			UUID practitioner = practitioners.get(c.patient()).get(caseId);
			result.computeIfAbsent(practitioner, k -> new ArrayList<>())
				.add(new Evaluated(c.patient(), outcome, decisions.get(c.patient()).get(caseId)));
		}
		return result;
	}

	/** The facts of one patient's month: every case of the patient in a program that bills, with its practitioner. */
	private PatientMonth facts(PatientId patient, YearMonth month, BusinessCalendar calendar, Map<CaseId, UUID> who,
			Map<CaseId, @Nullable DecisionMaking> decisions) {
		ZoneId zone = calendar.zone();
		LocalDate first = month.atDay(1);
		LocalDate last = month.atEndOfMonth();
		Instant from = first.atStartOfDay(zone).toInstant();
		Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
		List<String> codes = patients.details(patient).map(PatientDetails::conditions).orElse(List.of()).stream()
			.map(CodedCondition::code).toList();
		List<Chronic> chronic = chronicCategories();
		Set<String> matched = codes.stream()
			.flatMap(code -> chronic.stream().filter(c -> code.startsWith(c.prefix())).map(Chronic::prefix))
			.collect(Collectors.toSet());
		boolean behavioural = chronic.stream().anyMatch(c -> c.behavioural() && matched.contains(c.prefix()));
		List<TrackedTransition> transitions = tracker.ofPatient(patient);
		List<PatientMonth.CaseMonth> caseMonths = new ArrayList<>();
		for (CaseView c : cases.ofPatient(patient)) {
			if (c.startDate().isAfter(last) || (c.closedOn() != null && c.closedOn().isBefore(first))) continue;
			Optional<Settings> settings = settings(c.program());
			if (settings.isEmpty()) continue;
			UUID practitioner = casePractitioner(c.id()).orElse(settings.get().practitioner());
			who.put(c.id(), practitioner);
			DecisionMaking mdm = decisionMaking(c.id(), month);
			decisions.put(c.id(), mdm);
			LocalDate planSince = null;
			boolean revised = false;
			Optional<CarePlanView> plan = plans.ofCase(c.id());
			if (plan.isPresent()) {
				CarePlanView p = plan.get();
				for (CarePlanView.VersionInfo v : p.versions().stream()
					.sorted(java.util.Comparator.comparingInt(CarePlanView.VersionInfo::version)).toList()) {
					LocalDate day = v.at().atZone(zone).toLocalDate();
					if (planSince == null) {
						if (plans.version(p.id(), v.version()).map(content -> !content.isEmpty()).orElse(false)) planSince = day;
					}
					else if (YearMonth.from(day).equals(month) && !"careplan.reason.review".equals(v.reasonKey())) {
						revised = true;
					}
				}
			}
			List<PatientMonth.Discharge> discharges = transitions.stream()
				.filter(t -> c.id().value().equals(t.caseId()) && !"CANCELLED".equals(t.status()))
				.map(t -> new PatientMonth.Discharge(t.encounter(), t.tcm().periodStart(), t.tcm().contactDate(),
						t.tcm().attempts(), t.tcm().visitDate(), t.tcm().decisionMaking() == null ? null
								: DecisionMaking.valueOf(t.tcm().decisionMaking().name())))
				.toList();
			caseMonths.add(new PatientMonth.CaseMonth(c.id().value(), c.program().value(), settings.get().bhi(),
					practitioner, practitionerName(practitioner), c.consent() == null ? null : c.consent().date(),
					c.consent() != null && c.consent().complete(), planSince, revised, mdm,
					work.ofCase(c.id(), from, to), discharges));
		}
		return new PatientMonth(patient.value(), month, calendar, matched.size(), behavioural, caseMonths);
	}

	private @Nullable DecisionMaking decisionMaking(CaseId caseId, YearMonth month) {
		return jdbc.sql("select level from billing_decision_making where case_id = ? and month = ?")
			.params(caseId.value(), month.atDay(1)).query((rs, n) -> DecisionMaking.valueOf(rs.getString(1)))
			.optional().orElse(null);
	}

	private record Chronic(String prefix, boolean behavioural) {
	}

	private List<Chronic> chronicCategories() {
		return jdbc.sql("select code_prefix, behavioural from billing_chronic_condition")
			.query((rs, n) -> new Chronic(rs.getString(1), rs.getBoolean(2))).list();
	}

	/** The codes' rules as the table keeps them. */
	List<CodeThreshold> codes() {
		return jdbc.sql("select * from billing_code order by code, effective_year").query((rs, n) -> new CodeThreshold(
				rs.getString("code"), rs.getInt("effective_year"), Service.valueOf(rs.getString("service")),
				rs.getString("staff") == null ? null : StaffTime.valueOf(rs.getString("staff")),
				(Integer) rs.getObject("first_unit_minutes"), rs.getString("add_on_code"), (Integer) rs.getObject("add_on_step"),
				(Integer) rs.getObject("add_on_cap"), (Integer) rs.getObject("visit_within_days"),
				rs.getString("least_mdm") == null ? null : DecisionMaking.valueOf(rs.getString("least_mdm")),
				rs.getString("source"))).list();
	}

	private String practitionerName(UUID practitioner) {
		return providers.find(practitioner).map(ProviderView::name).orElse(practitioner.toString());
	}

	/**
	 * Stores the lines as the draft of the program, practitioner and month: the current draft is rewritten, a
	 * correction starts a new version; a signed current version is left alone (null).
	 */
	private @Nullable UUID store(ProgramId program, UUID practitioner, YearMonth month, List<Evaluated> lines,
			@Nullable UUID supersedes, @Nullable String correction) {
		Optional<Current> current = current(program, practitioner, month);
		if (current.isPresent() && current.get().status() == WorksheetSummary.Status.SIGNED) return null;
		int patients = (int) lines.stream().map(Evaluated::patient).distinct().count();
		int billable = (int) lines.stream().filter(e -> e.outcome().billable()).map(Evaluated::patient).distinct().count();
		int clinical = lines.stream().mapToInt(e -> e.outcome().clinicalMinutes()).sum();
		int physician = lines.stream().mapToInt(e -> e.outcome().physicianMinutes()).sum();
		UUID id;
		if (current.isPresent()) {
			id = current.get().id();
			jdbc.sql("delete from billing_worksheet_work where line_id in (select id from billing_worksheet_line where worksheet_id = ?)").param(id).update();
			jdbc.sql("delete from billing_worksheet_code where line_id in (select id from billing_worksheet_line where worksheet_id = ?)").param(id).update();
			jdbc.sql("delete from billing_worksheet_line where worksheet_id = ?").param(id).update();
			jdbc.sql("""
					update billing_worksheet set patients = ?, billable_patients = ?, clinical_minutes = ?,
					physician_minutes = ?, generated_at = now(), generated_by = ? where id = ? and status = 'DRAFT'""")
				.params(patients, billable, clinical, physician, CurrentActor.name(), id).update();
		}
		else {
			id = Ids.newId();
			int version = jdbc.sql("""
					select coalesce(max(version), 0) + 1 from billing_worksheet
					where program_id = ? and practitioner_id = ? and month = ?""")
				.params(program.value(), practitioner, month.atDay(1)).query(Integer.class).single();
			jdbc.sql("""
					insert into billing_worksheet (id, program_id, practitioner_id, month, version, status, supersedes,
					  patients, billable_patients, clinical_minutes, physician_minutes, generated_at, generated_by,
					  correction_reason)
					values (?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, now(), ?, ?)""")
				.params(id, program.value(), practitioner, month.atDay(1), version, supersedes, patients, billable, clinical,
						physician, CurrentActor.name(), correction)
				.update();
		}
		int position = 0;
		for (Evaluated e : lines) {
			CaseOutcome o = e.outcome();
			UUID line = Ids.newId();
			jdbc.sql("""
					insert into billing_worksheet_line (id, worksheet_id, position, patient_id, case_id, clinical_minutes,
					  physician_minutes, counted_clinical, counted_physician, billable, reasons)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
				.params(line, id, position++, e.patient().value(), o.caseId(), o.clinicalMinutes(), o.physicianMinutes(),
						o.countedClinical(), o.countedPhysician(), o.billable(), JSON.writeValueAsString(
								o.reasons().stream().map(r -> new WorksheetView.Reason(r.key(), r.args())).toList()))
				.update();
			int codePosition = 0;
			for (CodeThreshold.Line l : o.lines()) {
				jdbc.sql("insert into billing_worksheet_code (line_id, position, service, code, units) values (?, ?, ?, ?, ?)")
					.params(line, codePosition++, l.service().name(), l.code(), l.units()).update();
			}
			for (WorkItem w : o.work()) {
				jdbc.sql("insert into billing_worksheet_work (line_id, work_item_id) values (?, ?)").params(line, w.id()).update();
			}
		}
		audit.record(AuditEntry.write("GENERATE", "BillingWorksheet", id.toString(), null));
		return id;
	}

	private record Current(UUID id, WorksheetSummary.Status status) {
	}

	private Optional<Current> current(ProgramId program, UUID practitioner, YearMonth month) {
		return jdbc.sql("""
				select id, status from billing_worksheet
				where program_id = ? and practitioner_id = ? and month = ? and status <> 'SUPERSEDED'""")
			.params(program.value(), practitioner, month.atDay(1))
			.query((rs, n) -> new Current(rs.getObject(1, UUID.class), WorksheetSummary.Status.valueOf(rs.getString(2))))
			.optional();
	}

	// --- reading

	@Override
	@Transactional(readOnly = true)
	public List<WorksheetSummary> list(@Nullable YearMonth month) {
		requireBilling();
		UUID[] mine = supervised().stream().map(ProgramId::value).toArray(UUID[]::new);
		String where = " where program_id = any(?)" + (month == null ? "" : " and month = ?");
		var query = jdbc.sql("select * from billing_worksheet" + where
				+ " order by month desc, program_id, practitioner_id, version desc limit 500");
		query = query.param(mine);
		if (month != null) query = query.param(month.atDay(1));
		// the names of programs, practitioners and signers looked up once each, not per worksheet
		Names names = new Names();
		return query.query((rs, n) -> summary(rs, names)).list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<WorksheetView> find(UUID worksheet) {
		requireBilling();
		if (jdbc.sql("select count(*) from billing_worksheet where id = ?").param(worksheet).query(Long.class).single() == 0) {
			return Optional.empty();
		}
		WorksheetSummary summary = summary(worksheet);
		requireSupervises(summary.program());
		record Row(UUID id, PatientId patient, CaseId caseId, int clinical, int physician, int countedClinical,
				int countedPhysician, boolean billable, String reasons) {
		}
		List<Row> rows = jdbc.sql("""
				select id, patient_id, case_id, clinical_minutes, physician_minutes, counted_clinical, counted_physician,
				billable, reasons::text from billing_worksheet_line where worksheet_id = ? order by position""")
			.param(worksheet)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					new CaseId(rs.getObject(3, UUID.class)), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
					rs.getBoolean(8), rs.getString(9)))
			.list();
		Set<PatientId> ids = rows.stream().map(Row::patient).collect(Collectors.toSet());
		Set<PatientId> readable = access.readable(ids);
		Map<PatientId, PatientHeader> headers = readable.isEmpty() ? Map.of() : patients.headers(readable);
		YearMonth month = summary.month();
		List<WorksheetView.Line> lines = new ArrayList<>();
		// the codes, the supporting work and the decision making of every line, in one statement each
		UUID[] lineIds = rows.stream().map(Row::id).toArray(UUID[]::new);
		Map<UUID, List<WorksheetView.Code>> codes = new HashMap<>();
		jdbc.sql("select line_id, service, code, units from billing_worksheet_code where line_id = any(?) order by line_id, position")
			.param(lineIds)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new WorksheetView.Code(rs.getString(2), rs.getString(3), rs.getInt(4))))
			.list()
			.forEach(e -> codes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		Map<UUID, List<WorksheetView.Work>> work = new HashMap<>();
		jdbc.sql("""
				select x.line_id, w.occurred_at, w.minutes, w.staff, w.work_kind from billing_worksheet_work x
				join billing_work_item w on w.id = x.work_item_id where x.line_id = any(?) order by x.line_id, w.occurred_at, w.id""")
			.param(lineIds)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new WorksheetView.Work(rs.getTimestamp(2).toInstant(),
					rs.getInt(3), rs.getString(4), rs.getString(5))))
			.list()
			.forEach(e -> work.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		Map<UUID, DecisionMaking> decided = new HashMap<>();
		jdbc.sql("select case_id, level from billing_decision_making where case_id = any(?) and month = ?")
			.params(rows.stream().map(r -> r.caseId().value()).distinct().toArray(UUID[]::new), month.atDay(1))
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), DecisionMaking.valueOf(rs.getString(2))))
			.list()
			.forEach(e -> decided.put(e.getKey(), e.getValue()));
		for (Row r : rows) {
			PatientHeader h = headers.get(r.patient());
			lines.add(new WorksheetView.Line(r.id(), r.patient(), h == null ? null : h.displayName(), r.caseId(),
					r.clinical(), r.physician(), r.countedClinical(), r.countedPhysician(), r.billable(),
					codes.getOrDefault(r.id(), List.of()), work.getOrDefault(r.id(), List.of()),
					JSON.readValue(r.reasons(), new TypeReference<List<WorksheetView.Reason>>() {
					}), decided.get(r.caseId().value())));
		}
		audit.recordAll(rows.stream().filter(r -> readable.contains(r.patient()))
			.map(r -> AuditEntry.read("BillingWorksheetLine", r.id().toString(), r.patient())).toList());
		return Optional.of(new WorksheetView(summary, lines));
	}

	private WorksheetSummary summary(UUID id) {
		Names names = new Names();
		return jdbc.sql("select * from billing_worksheet where id = ?").param(id).query((rs, n) -> summary(rs, names)).single();
	}

	/** Names looked up once per request: programs, practitioners, and the supervisors who signed. */
	private final class Names {
		private final Map<ProgramId, String> programNames = new HashMap<>();
		private final Map<UUID, String> practitioners = new HashMap<>();
		private final Map<String, String> signers = new HashMap<>();

		String program(ProgramId program) {
			return programNames.computeIfAbsent(program, p -> programs.find(p).map(ProgramView::name).orElse(p.toString()));
		}

		String practitioner(UUID practitioner) {
			return practitioners.computeIfAbsent(practitioner, JdbcWorksheets.this::practitionerName);
		}

		String signer(String username) {
			return signers.computeIfAbsent(username, u -> accounts.findByUsername(u).map(v -> v.displayName()).orElse(u));
		}
	}

	private WorksheetSummary summary(java.sql.ResultSet rs, Names names) throws java.sql.SQLException {
		ProgramId program = new ProgramId(rs.getObject("program_id", UUID.class));
		UUID practitioner = rs.getObject("practitioner_id", UUID.class);
		Timestamp signed = rs.getTimestamp("signed_at");
		String signedBy = rs.getString("signed_by");
		return new WorksheetSummary(rs.getObject("id", UUID.class), program, names.program(program), practitioner,
				names.practitioner(practitioner), YearMonth.from(rs.getObject("month", LocalDate.class)),
				rs.getInt("version"), WorksheetSummary.Status.valueOf(rs.getString("status")), rs.getInt("patients"),
				rs.getInt("billable_patients"), rs.getInt("clinical_minutes"), rs.getInt("physician_minutes"),
				rs.getTimestamp("generated_at").toInstant(), signed == null ? null : signed.toInstant(),
				signedBy == null ? null : names.signer(signedBy), rs.getString("correction_reason"));
	}

	// --- changes

	@Override
	public WorksheetView recordDecisionMaking(UUID worksheet, CaseId caseId, DecisionMaking level) {
		requireBilling();
		WorksheetSummary s = summaryOrNotFound(worksheet);
		requireSupervises(s.program());
		if (s.status() != WorksheetSummary.Status.DRAFT) {
			throw new DomainException("billing.worksheet-final", "the worksheet is signed off", s.version());
		}
		PatientId patient = jdbc.sql("select patient_id from billing_worksheet_line where worksheet_id = ? and case_id = ?")
			.params(worksheet, caseId.value()).query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional()
			.orElseThrow(() -> new NotFoundException("worksheet line", caseId));
		jdbc.sql("""
				insert into billing_decision_making (case_id, month, level, recorded_by) values (?, ?, ?, ?)
				on conflict (case_id, month) do update set level = excluded.level, recorded_by = excluded.recorded_by,
				  recorded_at = now()""")
			.params(caseId.value(), s.month().atDay(1), level.name(), CurrentActor.name()).update();
		audit.record(AuditEntry.write("UPDATE", "BillingDecisionMaking", caseId.toString(), patient));
		regenerate(s);
		return find(worksheet).orElseThrow();
	}

	private void regenerate(WorksheetSummary s) {
		Map<UUID, List<Evaluated>> all = SystemActor.call(ACTOR, List.of("SYSTEM"), () -> evaluate(s.program(), s.month()));
		store(s.program(), s.practitioner(), s.month(), all.getOrDefault(s.practitioner(), List.of()), null, null);
	}

	@Override
	public WorksheetSummary sign(UUID worksheet) {
		requireBilling();
		WorksheetSummary s = summaryOrNotFound(worksheet);
		requireSupervises(s.program());
		int moved = jdbc.sql("""
				update billing_worksheet w set status = t.to_status, signed_at = now(), signed_by = ?
				from billing_worksheet_transition t
				where w.id = ? and t.action = 'sign' and t.from_status = w.status""")
			.params(CurrentActor.name(), worksheet).update();
		if (moved == 0) throw new DomainException("billing.worksheet-final", "the worksheet is signed off", s.version());
		WorksheetSummary signed = summary(worksheet);
		audit.record(AuditEntry.write("SIGN", "BillingWorksheet", worksheet.toString(), null));
		events.publishEvent(new WorksheetSigned(worksheet, signed.program(), signed.practitioner(), signed.month(),
				signed.version(), signed.billablePatients(), CurrentActor.name(), java.util.Objects.requireNonNull(signed.signedAt())));
		return signed;
	}

	@Override
	public WorksheetSummary correct(UUID worksheet, String reason) {
		requireBilling();
		String why = reason == null ? "" : reason.trim();
		if (why.isEmpty() || why.length() > 1000 || org.caremap.shared.TextRules.problem(why) != null) throw new DomainException("billing.correction-reason", "say why (up to 1000 characters)");
		WorksheetSummary s = summaryOrNotFound(worksheet);
		requireSupervises(s.program());
		int moved = jdbc.sql("""
				update billing_worksheet w set status = t.to_status from billing_worksheet_transition t
				where w.id = ? and t.action = 'supersede' and t.from_status = w.status""")
			.param(worksheet).update();
		if (moved == 0) throw new DomainException("billing.worksheet-not-signed", "only a signed worksheet is corrected");
		Map<UUID, List<Evaluated>> all = SystemActor.call(ACTOR, List.of("SYSTEM"), () -> evaluate(s.program(), s.month()));
		UUID id = java.util.Objects.requireNonNull(
				store(s.program(), s.practitioner(), s.month(), all.getOrDefault(s.practitioner(), List.of()), worksheet, why));
		audit.record(new AuditEntry("CORRECT", "BillingWorksheet", worksheet.toString(), null,
				org.caremap.audit.AuditOutcome.SUCCESS, why));
		return summary(id);
	}

	@Override
	@Transactional(readOnly = true)
	public String csv(UUID worksheet, Locale locale) {
		WorksheetView v = find(worksheet).orElseThrow(() -> new NotFoundException("worksheet", worksheet));
		WorksheetSummary s = v.summary();
		StringBuilder out = new StringBuilder();
		out.append(row(List.of("program", "practitioner", "month", "version", "status", "patient", "case", "code", "units",
				"clinical_minutes", "physician_minutes", "counted_clinical", "counted_physician", "work_items", "reasons")));
		for (WorksheetView.Line l : v.lines()) {
			String name = l.patientName() == null ? "" : l.patientName();
			String reasons = l.reasons().stream().map(r -> messages.getMessage(r.key(), r.arguments(), r.key(), locale))
				.collect(Collectors.joining(" | "));
			List<WorksheetView.Code> codes = l.codes().isEmpty() ? java.util.Collections.singletonList(null) : l.codes();
			for (WorksheetView.Code c : codes) {
				out.append(row(List.of(s.programName(), s.practitionerName(), s.month().toString(), String.valueOf(s.version()),
						s.status().name(), name, l.caseId().toString(), c == null ? "" : c.code(),
						c == null ? "" : String.valueOf(c.units()), String.valueOf(l.clinicalMinutes()),
						String.valueOf(l.physicianMinutes()), String.valueOf(l.countedClinical()),
						String.valueOf(l.countedPhysician()), String.valueOf(l.work().size()), reasons)));
			}
		}
		audit.record(AuditEntry.write("EXPORT", "BillingWorksheet", worksheet.toString(), null));
		return out.toString();
	}

	private static String row(List<String> cells) {
		return cells.stream().map(JdbcWorksheets::cell).collect(Collectors.joining(",")) + "\r\n";
	}

	/** A CSV cell, quoted when needed; a leading formula character is neutralised (spreadsheet injection). */
	static String cell(String value) {
		String v = value;
		if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
		if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
			v = "\"" + v.replace("\"", "\"\"") + "\"";
		}
		return v;
	}

	private WorksheetSummary summaryOrNotFound(UUID worksheet) {
		if (jdbc.sql("select count(*) from billing_worksheet where id = ?").param(worksheet).query(Long.class).single() == 0) {
			throw new NotFoundException("worksheet", worksheet);
		}
		return summary(worksheet);
	}

	/** Supervisors, and Caremap's own jobs (the demo), may use billing; nobody else. */
	/**
	 * A worksheet is the business of the program's supervisors: they see, generate, review and sign off those of the
	 * programs they supervise (Caremap itself, as a system actor, any).
	 */
	private void requireSupervises(ProgramId program) {
		if (CurrentActor.name().startsWith("system:")) return;
		if (!supervised().contains(program)) {
			throw new AccessDeniedException("billing worksheets are for the program's supervisors");
		}
	}

	/** The programs the signed-in supervisor supervises. */
	private Set<ProgramId> supervised() {
		if (CurrentActor.name().startsWith("system:")) return programs.all().stream().map(ProgramView::id).collect(java.util.stream.Collectors.toSet());
		return CurrentUser.get().map(me -> programs.supervisedBy(me.id())).orElse(Set.of());
	}

	static void requireBilling() {
		Optional<CurrentUser> me = CurrentUser.get();
		if (me.isPresent()) {
			if (me.get().has(Role.SUPERVISOR)) return;
			throw new AccessDeniedException("billing worksheets are for supervisors");
		}
		if (CurrentActor.name().startsWith("system:")) return;
		throw new AccessDeniedException("billing worksheets are for supervisors");
	}
}
