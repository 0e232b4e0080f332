package org.caremap.team.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.CaseloadQuery;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.shared.UserId;
import org.caremap.team.ConferenceCase;
import org.caremap.team.ConferenceGuest;
import org.caremap.team.ConferencePage;
import org.caremap.team.ConferenceRow;
import org.caremap.team.ConferenceStatus;
import org.caremap.team.ConferenceView;
import org.caremap.team.Conferences;
import org.caremap.team.DecisionRecorded;
import org.caremap.team.NewConference;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Case conferences in the {@code conference*} tables. The conference itself (title, time, attendees) is not patient
 * data; each case on its agenda is: it is shown only where the reader may read the patient's record (one
 * {@code readable} query for the page, one audit entry per case shown), and changed only with contribute access
 * (refusals audited by the access check). Every edit first bumps the conference's version where its status is still
 * DRAFT (one guarded update), so nothing changes a signed or cancelled record; a change of status is one update joined
 * to {@code conference_transition}.
 */
@Service
@Transactional
class JdbcConferences implements Conferences {

	static final String RESOURCE = "Conference";
	static final String READERS = "hasAnyRole('CASE_MANAGER', 'SUPERVISOR', 'CARE_TEAM')";
	static final String HOLDERS = "hasAnyRole('CASE_MANAGER', 'SUPERVISOR')";
	private static final int MAX_CASES = 40;
	private static final Set<Role> STAFF = EnumSet.of(Role.CASE_MANAGER, Role.SUPERVISOR, Role.CARE_TEAM, Role.INTAKE,
			Role.UTILIZATION_REVIEW);

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final Cases cases;
	private final PatientRegistry patients;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final Segmentation segmentation;

	JdbcConferences(JdbcClient jdbc, PatientAccess access, AuditTrail audit, ApplicationEventPublisher events, Cases cases,
			PatientRegistry patients, UserAccounts accounts, Organizations organizations, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.events = events;
		this.cases = cases;
		this.patients = patients;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	private String myName() {
		return CurrentUser.get().map(CurrentUser::displayName).orElse(CurrentActor.name());
	}

	private static String title(@Nullable String title) {
		String t = Texts.orNull(title);
		if (t == null) throw new DomainException("team.conference-title", "give the conference a title");
		if (t.length() > 200) throw new DomainException("team.conference-title-too-long", "at most 200 characters");
		return t;
	}

	// ---------------------------------------------------------------- planning

	@Override
	@PreAuthorize(HOLDERS)
	public UUID plan(NewConference c) {
		String title = title(c.title());
		if (c.startsAt() == null) throw new DomainException("team.conference-when", "say when the conference is");
		if (c.cases().size() > MAX_CASES) throw new DomainException("team.conference-too-many", "at most " + MAX_CASES + " cases", MAX_CASES);
		UserId me = CurrentUser.require().id();
		UUID id = java.util.Objects.requireNonNull(insert(title, c.startsAt(), null, me));
		addAttendeeRow(id, me, myName(), null);
		for (UserId user : c.attendees()) if (!user.equals(me)) addAttendee(id, user);
		for (ConferenceGuest guest : c.guests()) addGuestRow(id, guest);
		for (CaseId kase : new java.util.LinkedHashSet<>(c.cases())) addCase(id, kase);
		audit.record(AuditEntry.write("CREATE", RESOURCE, id.toString(), null));
		return id;
	}

	/** The conference row; for a meeting's occurrence the same occurrence is never made twice (null when it exists). */
	@Nullable UUID insert(String title, Instant startsAt, @Nullable UUID meeting, UserId facilitator) {
		UUID id = Ids.newId();
		int made = jdbc.sql("""
				insert into conference (id, title, starts_at, meeting_id, facilitator_id, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (meeting_id, starts_at) do nothing""")
			.params(id, title, Timestamp.from(startsAt), meeting, facilitator.value(), CurrentActor.name(), CurrentActor.name())
			.update();
		return made == 1 ? id : null;
	}

	/** Bumps the version where the conference still takes changes; refuses (locked, or unknown) otherwise. */
	private void editable(UUID conference) {
		List<UUID> bumped = jdbc.sql("""
				update conference set version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and status = any(?) returning id""")
			.params(CurrentActor.name(), conference, editableStatuses())
			.query(UUID.class).list();
		if (!bumped.isEmpty()) return;
		Optional<String> status = jdbc.sql("select status from conference where id = ?").param(conference).query(String.class).optional();
		if (status.isEmpty()) throw new NotFoundException("conference", conference);
		throw new DomainException("team.conference-locked", "the conference is " + status.get().toLowerCase() + ": it takes no more changes",
				status.get().toLowerCase());
	}

	private static String[] editableStatuses() {
		return java.util.Arrays.stream(ConferenceStatus.values()).filter(ConferenceStatus::editable).map(Enum::name).toArray(String[]::new);
	}

	@Override
	@PreAuthorize(HOLDERS)
	public void addCase(UUID conference, CaseId caseId) {
		CaseView kase = cases.find(caseId).orElseThrow(() -> new DomainException("team.conference-case", "choose one of your cases"));
		access.require(kase.patient(), AccessPurpose.CONTRIBUTE);
		requireShown(kase.patient(), caseId);
		if (kase.status() == CaseStatus.CLOSED) throw new DomainException("team.conference-case-closed", "the case is closed");
		addCaseRow(conference, caseId, kase.patient(), null);
		audit.record(new AuditEntry("UPDATE", RESOURCE, conference.toString(), kase.patient(), AuditOutcome.SUCCESS, "case added"));
	}

	/** A case on the agenda (no access check: the caller checked, or is the meeting's agenda builder). */
	void addCaseRow(UUID conference, CaseId caseId, PatientId patient, @Nullable String reasons) {
		editable(conference);
		boolean there = jdbc.sql("select exists (select 1 from conference_case where conference_id = ? and case_id = ? and not voided)")
			.params(conference, caseId.value()).query(Boolean.class).single();
		if (there) throw new DomainException("team.conference-case-twice", "the case is on the agenda already");
		int count = jdbc.sql("select count(*) from conference_case where conference_id = ? and not voided").param(conference)
			.query(Integer.class).single();
		if (count >= MAX_CASES) throw new DomainException("team.conference-too-many", "at most " + MAX_CASES + " cases", MAX_CASES);
		jdbc.sql("""
				insert into conference_case (id, conference_id, case_id, patient_id, position, reasons, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), conference, caseId.value(), patient.value(), count + 1, reasons == null ? null : cut(reasons, 1000),
					CurrentActor.name(), CurrentActor.name())
			.update();
	}

	/** Refuses a case in a 42 CFR Part 2 program the reader is outside of (its notes and decisions are Part 2 records). */
	private void requireShown(PatientId patient, CaseId caseId) {
		if (segmentation.part2(patient).withholds(caseId.value())) throw Part2Labels.withheld("conference item");
	}

	static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	@Override
	@PreAuthorize(HOLDERS)
	public void addAttendee(UUID conference, UserId user) {
		UserView person = accounts.find(user).filter(UserView::enabled).filter(u -> u.roles().stream().anyMatch(STAFF::contains))
			.orElseThrow(() -> new DomainException("team.conference-attendee", "choose someone on the staff"));
		editable(conference);
		boolean there = jdbc.sql("select exists (select 1 from conference_attendee where conference_id = ? and user_id = ?)")
			.params(conference, user.value()).query(Boolean.class).single();
		if (there) return;
		addAttendeeRow(conference, user, person.displayName(), null);
	}

	void addAttendeeRow(UUID conference, @Nullable UserId user, String name, @Nullable String role) {
		jdbc.sql("""
				insert into conference_attendee (id, conference_id, user_id, name, role, created_by) values (?, ?, ?, ?, ?, ?)
				on conflict (conference_id, user_id) do nothing""")
			.params(Ids.newId(), conference, user == null ? null : user.value(), cut(name, 200), role, CurrentActor.name()).update();
	}

	@Override
	@PreAuthorize(HOLDERS)
	public void addGuest(UUID conference, ConferenceGuest guest) {
		editable(conference);
		addGuestRow(conference, guest);
	}

	private void addGuestRow(UUID conference, ConferenceGuest guest) {
		String name = Texts.orNull(guest.name());
		String role = Texts.orNull(guest.role());
		if (name == null) throw new DomainException("team.guest-name", "give the person's name");
		if (name.length() > 200) throw new DomainException("team.guest-name-too-long", "at most 200 characters");
		if (role != null && role.length() > 100) throw new DomainException("team.guest-role-too-long", "at most 100 characters");
		addAttendeeRow(conference, null, name, role);
	}

	// ---------------------------------------------------------------- holding it

	/** A case on the agenda: its patient and case (the caller then checks the patient's record). */
	private record ItemRef(UUID id, PatientId patient, CaseId caseId) {
	}

	private ItemRef item(UUID conference, UUID item) {
		return jdbc.sql("select id, patient_id, case_id from conference_case where id = ? and conference_id = ? and not voided")
			.params(item, conference)
			.query((rs, n) -> new ItemRef(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					new CaseId(rs.getObject(3, UUID.class))))
			.optional().orElseThrow(() -> new NotFoundException("conference case", item));
	}

	@Override
	@PreAuthorize(READERS)
	public void saveNotes(UUID conference, UUID item, @Nullable String notes) {
		ItemRef ref = item(conference, item);
		access.require(ref.patient(), AccessPurpose.CONTRIBUTE);
		requireShown(ref.patient(), ref.caseId());
		String text = Texts.orNull(notes);
		if (text != null && text.length() > 8000) throw new DomainException("team.conference-notes-too-long", "at most 8000 characters");
		editable(conference);
		jdbc.sql("update conference_case set notes = ?, updated_at = now(), updated_by = ? where id = ?")
			.params(text, CurrentActor.name(), item).update();
		audit.record(new AuditEntry("UPDATE", RESOURCE, conference.toString(), ref.patient(), AuditOutcome.SUCCESS, "notes"));
	}

	@Override
	@PreAuthorize(READERS)
	public UUID recordDecision(UUID conference, UUID item, String text, @Nullable UserId owner, @Nullable LocalDate dueOn) {
		ItemRef ref = item(conference, item);
		access.require(ref.patient(), AccessPurpose.CONTRIBUTE);
		requireShown(ref.patient(), ref.caseId());
		String decided = Texts.orNull(text);
		if (decided == null) throw new DomainException("team.decision-text", "say what was decided");
		if (decided.length() > 1000) throw new DomainException("team.decision-text-too-long", "at most 1000 characters");
		if (owner != null && dueOn == null) throw new DomainException("team.decision-due", "give the date it is due by");
		if (owner == null && dueOn != null) throw new DomainException("team.decision-owner", "choose who does it");
		String ownerName = null;
		if (owner != null) {
			UserView person = accounts.find(owner).filter(UserView::enabled)
				.orElseThrow(() -> new DomainException("team.decision-owner", "choose who does it"));
			UserId me = CurrentUser.require().id();
			boolean reads = owner.equals(me) ? access.permits(ref.patient(), AccessPurpose.READ) : access.canRead(owner, ref.patient());
			if (!reads) {
				throw new DomainException("team.decision-owner-no-access", person.displayName() + " does not care for this patient",
						person.displayName());
			}
			if (dueOn.isBefore(LocalDate.now(zone()))) throw new DomainException("team.decision-due-past", "the due date has passed");
			ownerName = person.displayName();
		}
		editable(conference);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into conference_decision (id, conference_id, conference_case_id, patient_id, case_id, text, owner_id, owner_name,
				    due_on, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, conference, item, ref.patient().value(), ref.caseId().value(), decided, owner == null ? null : owner.value(),
					ownerName, dueOn, CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(new AuditEntry("UPDATE", RESOURCE, conference.toString(), ref.patient(), AuditOutcome.SUCCESS, "decision " + id));
		if (owner != null) {
			var head = jdbc.sql("select title, starts_at from conference where id = ?").param(conference)
				.query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).single();
			events.publishEvent(new DecisionRecorded(id, conference, head.getKey(), head.getValue(), ref.patient(), ref.caseId(),
					decided, owner, dueOn, myName()));
		}
		return id;
	}

	@Override
	@PreAuthorize(HOLDERS)
	public void sign(UUID conference) {
		move(conference, ConferenceStatus.Action.SIGN, null);
	}

	@Override
	@PreAuthorize(HOLDERS)
	public void cancel(UUID conference, String reason) {
		String why = Texts.orNull(reason);
		if (why == null) throw new DomainException("team.conference-cancel-reason", "say why");
		if (why.length() > 500) throw new DomainException("team.conference-cancel-reason-too-long", "at most 500 characters");
		move(conference, ConferenceStatus.Action.CANCEL, why);
	}

	/** One step along conference_transition, guarded in SQL: a step the table does not allow changes nothing. */
	void move(UUID conference, ConferenceStatus.Action action, @Nullable String reason) {
		CurrentUser me = CurrentUser.require();
		List<String> moved = jdbc.sql("""
				update conference c set status = t.to_status, version = c.version + 1, updated_at = now(), updated_by = ?,
				    signed_by = case when t.to_status = 'SIGNED' then ? else c.signed_by end,
				    signed_by_name = case when t.to_status = 'SIGNED' then ? else c.signed_by_name end,
				    signed_at = case when t.to_status = 'SIGNED' then now() else c.signed_at end,
				    cancel_reason = coalesce(?, c.cancel_reason)
				from conference_transition t
				where c.id = ? and t.action = ? and t.from_status = c.status
				returning t.to_status""")
			.params(CurrentActor.name(), me.id().value(), cut(me.displayName(), 200), reason, conference, action.name())
			.query(String.class).list();
		if (moved.isEmpty()) {
			String now = jdbc.sql("select status from conference where id = ?").param(conference).query(String.class).optional()
				.orElseThrow(() -> new NotFoundException("conference", conference));
			throw new DomainException("team.conference-locked", "the conference is " + now.toLowerCase() + ": cannot " + action,
					now.toLowerCase());
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, conference.toString(), null, AuditOutcome.SUCCESS, action.name()));
	}

	// ---------------------------------------------------------------- reading

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(READERS)
	public ConferencePage list(int offset, int limit) {
		int size = Math.max(1, Math.min(limit, 100));
		int from = Math.max(0, offset);
		long total = jdbc.sql("select count(*) from conference").query(Long.class).single();
		// conference_starts_idx serves the order; the counts are per row of the page
		List<ConferenceRow> rows = jdbc.sql("""
				select c.id, c.title, c.starts_at, c.status, m.name,
				       (select count(*) from conference_case k where k.conference_id = c.id and not k.voided),
				       (select count(*) from conference_decision d where d.conference_id = c.id and not d.voided)
				from conference c left join team_meeting m on m.id = c.meeting_id
				order by c.starts_at desc, c.id limit ? offset ?""")
			.params(size, from)
			.query((rs, n) -> new ConferenceRow(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, "starts_at"),
					ConferenceStatus.valueOf(rs.getString(4)), rs.getString(5), rs.getInt(6), rs.getInt(7)))
			.list();
		return new ConferencePage(rows, total);
	}

	private record Head(UUID id, String title, Instant startsAt, ConferenceStatus status, @Nullable UUID meeting, UUID facilitator,
			@Nullable String signedByName, @Nullable Instant signedAt, @Nullable String cancelReason, int version) {
	}

	private record Row(UUID id, CaseId caseId, PatientId patient, @Nullable String reasons, @Nullable String notes) {
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(READERS)
	public Optional<ConferenceView> find(UUID id) {
		Optional<Head> head = jdbc.sql("""
				select id, title, starts_at, status, meeting_id, facilitator_id, signed_by_name, signed_at, cancel_reason, version
				from conference where id = ?""")
			.param(id)
			.query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, "starts_at"),
					ConferenceStatus.valueOf(rs.getString(4)), rs.getObject(5, UUID.class), rs.getObject(6, UUID.class), rs.getString(7),
					instant(rs, "signed_at"), rs.getString(9), rs.getInt(10)))
			.optional();
		if (head.isEmpty()) return Optional.empty();
		Head h = head.get();
		List<ConferenceView.Attendee> attendees = jdbc.sql("""
				select id, user_id, name, role from conference_attendee where conference_id = ? order by user_id is null, created_at, name""")
			.param(id)
			.query((rs, n) -> {
				UUID user = rs.getObject(2, UUID.class);
				return new ConferenceView.Attendee(rs.getObject(1, UUID.class), user == null ? null : new UserId(user), rs.getString(3),
						rs.getString(4));
			})
			.list();
		List<Row> rows = jdbc.sql("""
				select id, case_id, patient_id, reasons, notes from conference_case
				where conference_id = ? and not voided order by position""")
			.param(id)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), new CaseId(rs.getObject(2, UUID.class)),
					new PatientId(rs.getObject(3, UUID.class)), rs.getString(4), rs.getString(5)))
			.list();
		Set<PatientId> readable = rows.isEmpty() ? Set.of() : access.readable(rows.stream().map(Row::patient).distinct().toList());
		// a case in a 42 CFR Part 2 program is on the agenda only for readers who see the program's records
		Map<PatientId, Part2Segment> segments = segmentation.part2(readable);
		List<Row> shown = rows.stream()
			.filter(r -> readable.contains(r.patient()) && !segments.get(r.patient()).withholds(r.caseId().value())).toList();
		Map<PatientId, PatientHeader> headers = patients.headers(shown.stream().map(Row::patient).distinct().toList());
		Map<UUID, List<ConferenceView.Decision>> decisions = new HashMap<>();
		if (!shown.isEmpty()) {
			jdbc.sql("""
					select id, conference_case_id, text, owner_id, owner_name, due_on, created_at, created_by
					from conference_decision where conference_id = ? and not voided order by created_at, id""")
				.param(id)
				.query((rs, n) -> {
					UUID owner = rs.getObject(4, UUID.class);
					decisions.computeIfAbsent(rs.getObject(2, UUID.class), k -> new ArrayList<>()).add(new ConferenceView.Decision(
							rs.getObject(1, UUID.class), rs.getString(3), owner == null ? null : new UserId(owner), rs.getString(5),
							rs.getObject(6, LocalDate.class), instant(rs, "created_at"), rs.getString(8)));
					return 1;
				})
				.list();
		}
		Map<String, String> byNames = accounts.displayNamesByUsername(decisions.values().stream().flatMap(List::stream)
			.map(ConferenceView.Decision::by).distinct().toList());
		Set<PatientId> contributes = new HashSet<>();
		for (PatientId p : headers.keySet()) if (access.permits(p, AccessPurpose.CONTRIBUTE)) contributes.add(p);
		List<ConferenceView.Item> items = new ArrayList<>();
		for (Row r : shown) {
			PatientHeader header = headers.get(r.patient());
			List<ConferenceView.Decision> ds = decisions.getOrDefault(r.id(), List.of()).stream()
				.map(d -> new ConferenceView.Decision(d.id(), d.text(), d.owner(), d.ownerName(), d.dueOn(), d.at(),
						byNames.getOrDefault(d.by(), d.by())))
				.toList();
			items.add(new ConferenceView.Item(r.id(), r.caseId(), r.patient(), header == null ? "" : header.displayName(),
					header == null ? null : header.recordNumber(), r.reasons(), r.notes(), ds, contributes.contains(r.patient())));
		}
		String facilitator = accounts.displayNames(List.of(new UserId(h.facilitator()))).getOrDefault(new UserId(h.facilitator()), "");
		if (shown.isEmpty()) audit.record(AuditEntry.read(RESOURCE, id.toString(), null));
		else audit.recordAll(shown.stream().map(r -> AuditEntry.read(RESOURCE, id.toString(), r.patient())).toList());
		return Optional.of(new ConferenceView(h.id(), h.title(), h.startsAt(), h.status(), h.meeting(), facilitator, attendees, items,
				rows.size() - shown.size(), h.signedByName(), h.signedAt(), h.cancelReason(), h.version()));
	}

	// ---------------------------------------------------------------- choices for the forms

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(HOLDERS)
	public List<ConferenceCase> candidates() {
		CurrentUser me = CurrentUser.require();
		Set<UserId> managers = new java.util.LinkedHashSet<>();
		if (me.has(Role.CASE_MANAGER)) managers.add(me.id());
		if (me.has(Role.SUPERVISOR)) managers.addAll(organizations.supervisedBy(me.id()));
		CaseloadQuery query = new CaseloadQuery(null, null, null, null, CaseloadQuery.Order.ACUITY);
		Map<CaseId, CaseloadRow> rows = new LinkedHashMap<>();
		for (UserId manager : managers) {
			if (rows.size() >= 300) break;
			if (!manager.equals(me.id()) && accounts.find(manager).filter(u -> u.has(Role.CASE_MANAGER)).isEmpty()) continue;
			for (CaseloadRow row : cases.caseload(manager, query, 0, 100).rows()) rows.putIfAbsent(row.id(), row);
		}
		Map<PatientId, PatientHeader> headers = patients.headers(rows.values().stream().map(CaseloadRow::patient).distinct().toList());
		return rows.values().stream().filter(r -> headers.containsKey(r.patient()))
			.map(r -> new ConferenceCase(r.id(), r.patient(), headers.get(r.patient()).displayName(), headers.get(r.patient()).recordNumber(),
					r.acuity()))
			.sorted(java.util.Comparator.comparing(ConferenceCase::patientName))
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(READERS)
	public Map<UUID, List<Person>> owners(UUID conference) {
		List<ItemRef> items = jdbc.sql("select id, patient_id, case_id from conference_case where conference_id = ? and not voided order by position")
			.param(conference)
			.query((rs, n) -> new ItemRef(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					new CaseId(rs.getObject(3, UUID.class))))
			.list();
		List<Person> staff = staff();
		UserId me = CurrentUser.require().id();
		List<UserId> others = staff.stream().map(Person::id).filter(u -> !u.equals(me)).toList();
		Map<UUID, List<Person>> out = new LinkedHashMap<>();
		Map<PatientId, List<Person>> byPatient = new HashMap<>();
		for (ItemRef item : items) {
			if (!access.permits(item.patient(), AccessPurpose.CONTRIBUTE)) continue;
			out.put(item.id(), byPatient.computeIfAbsent(item.patient(), p -> {
				Set<UserId> readers = access.readersAmong(p, others);
				return staff.stream().filter(s -> s.id().equals(me) || readers.contains(s.id())).toList();
			}));
		}
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(READERS)
	public List<Person> staff() {
		List<Person> out = new ArrayList<>();
		for (UserView u : accounts.list()) {
			if (u.enabled() && u.roles().stream().anyMatch(STAFF::contains)) out.add(new Person(u.id(), u.displayName()));
		}
		out.sort(java.util.Comparator.comparing(Person::name));
		return out;
	}

	static Collection<UUID> ids(Collection<PatientId> patients) {
		return patients.stream().map(PatientId::value).toList();
	}
}
