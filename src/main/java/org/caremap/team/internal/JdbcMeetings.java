package org.caremap.team.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseloadQuery;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.organization.TeamView;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.Texts;
import org.caremap.shared.UserId;
import org.caremap.team.DiscussionFlags;
import org.caremap.team.MeetingSetup;
import org.caremap.team.MeetingView;
import org.caremap.team.Meetings;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recurring team meetings in {@code team_meeting}. The next occurrence is the meeting's weekday and time in the
 * organisation's time zone (a DST change moves nothing: the wall-clock time is kept). Opening it makes the conference of
 * that occurrence once (unique by meeting and start) with the team's or program's open cases that any
 * {@link DiscussionFlags} contributor flags, most reasons first, each with its reasons.
 */
@Service
@Transactional
class JdbcMeetings implements Meetings {

	static final int AGENDA_MAX = 25;

	private final JdbcClient jdbc;
	private final Organizations organizations;
	private final Programs programs;
	private final Cases cases;
	private final UserAccounts accounts;
	private final AuditTrail audit;
	private final JdbcConferences conferences;
	private final List<DiscussionFlags> contributors;

	JdbcMeetings(JdbcClient jdbc, Organizations organizations, Programs programs, Cases cases, UserAccounts accounts, AuditTrail audit,
			JdbcConferences conferences, List<DiscussionFlags> contributors) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.programs = programs;
		this.cases = cases;
		this.accounts = accounts;
		this.audit = audit;
		this.conferences = conferences;
		this.contributors = List.copyOf(contributors);
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	private List<TeamView> teams() {
		return organizations.primary().map(o -> organizations.teams(o.id())).orElse(List.of());
	}

	@Override
	@PreAuthorize("hasRole('SUPERVISOR')")
	public UUID create(MeetingSetup s) {
		String name = Texts.orNull(s.name());
		if (name == null) throw new DomainException("team.meeting-name", "give the meeting a name");
		if (name.length() > 200) throw new DomainException("team.meeting-name-too-long", "at most 200 characters");
		if ((s.team() == null) == (s.program() == null)) throw new DomainException("team.meeting-for", "choose a team or a program");
		if (s.team() != null && teams().stream().noneMatch(t -> t.id().equals(s.team()))) {
			throw new DomainException("team.meeting-for", "choose a team or a program");
		}
		if (s.program() != null && programs.find(s.program()).isEmpty()) throw new DomainException("team.meeting-for", "choose a team or a program");
		if (s.weekday() == null) throw new DomainException("team.meeting-weekday", "choose the weekday");
		if (s.at() == null) throw new DomainException("team.meeting-time", "give the time");
		if (s.minutes() < 15 || s.minutes() > 480) throw new DomainException("team.meeting-minutes", "between 15 and 480 minutes");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into team_meeting (id, name, team_id, program_id, weekday, at_time, minutes, facilitator_id, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, name, s.team(), s.program() == null ? null : s.program().value(), s.weekday().getValue(), s.at(), s.minutes(),
					CurrentUser.require().id().value(), CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "TeamMeeting", id.toString(), null));
		return id;
	}

	private record Row(UUID id, String name, @Nullable UUID team, @Nullable UUID program, DayOfWeek weekday, LocalTime at, int minutes,
			UUID facilitator) {
	}

	private List<Row> rows(@Nullable UUID only) {
		return jdbc.sql("""
				select id, name, team_id, program_id, weekday, at_time, minutes, facilitator_id from team_meeting
				where active and (cast(? as uuid) is null or id = ?) order by name, id""")
			.params(only, only)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getObject(4, UUID.class), DayOfWeek.of(rs.getInt(5)), rs.getObject(6, LocalTime.class), rs.getInt(7),
					rs.getObject(8, UUID.class)))
			.list();
	}

	/** The occurrence on or after now (or the one under way), at the meeting's wall-clock time in the zone. */
	static ZonedDateTime next(DayOfWeek weekday, LocalTime at, int minutes, ZonedDateTime now) {
		LocalDate day = now.toLocalDate().with(TemporalAdjusters.nextOrSame(weekday));
		ZonedDateTime candidate = ZonedDateTime.of(day, at, now.getZone());
		if (candidate.plus(Duration.ofMinutes(minutes)).isBefore(now) || candidate.plus(Duration.ofMinutes(minutes)).isEqual(now)) {
			candidate = ZonedDateTime.of(day.plusWeeks(1), at, now.getZone());
		}
		return candidate;
	}

	private ZonedDateTime next(Row r) {
		return next(r.weekday(), r.at(), r.minutes(), ZonedDateTime.now(zone()));
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(JdbcConferences.READERS)
	public List<MeetingView> all() {
		return views(rows(null));
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(JdbcConferences.READERS)
	public Optional<MeetingView> find(UUID id) {
		return views(rows(id)).stream().findFirst();
	}

	private List<MeetingView> views(List<Row> rows) {
		Map<UUID, String> teamNames = new HashMap<>();
		teams().forEach(t -> teamNames.put(t.id(), t.name()));
		Map<UserId, String> names = accounts.displayNames(rows.stream().map(r -> new UserId(r.facilitator())).distinct().toList());
		List<MeetingView> out = new ArrayList<>();
		for (Row r : rows) {
			ZonedDateTime next = next(r);
			String forName = r.team() != null ? teamNames.getOrDefault(r.team(), "")
					: programs.find(new ProgramId(r.program())).map(p -> p.name()).orElse("");
			UUID conference = jdbc.sql("select id from conference where meeting_id = ? and starts_at = ?")
				.params(r.id(), java.sql.Timestamp.from(next.toInstant())).query(UUID.class).optional().orElse(null);
			out.add(new MeetingView(r.id(), r.name(), r.team(), r.program(), forName, r.weekday(), r.at(), r.minutes(),
					names.getOrDefault(new UserId(r.facilitator()), ""), next, conference));
		}
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize(JdbcConferences.READERS)
	public ZonedDateTime next(UUID meeting) {
		return next(rows(meeting).stream().findFirst().orElseThrow(() -> new NotFoundException("meeting", meeting)));
	}

	@Override
	@PreAuthorize("hasRole('SUPERVISOR')")
	public UUID openNext(UUID meeting) {
		Row r = rows(meeting).stream().findFirst().orElseThrow(() -> new NotFoundException("meeting", meeting));
		ZonedDateTime at = next(r);
		// one opening at a time per meeting, so two supervisors opening it at once make one conference
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("team-meeting:" + meeting).query((rs, n) -> 1).list();
		Optional<UUID> existing = jdbc.sql("select id from conference where meeting_id = ? and starts_at = ?")
			.params(meeting, java.sql.Timestamp.from(at.toInstant())).query(UUID.class).optional();
		if (existing.isPresent()) return existing.get();
		UUID id = conferences.insert(r.name(), at.toInstant(), meeting, new UserId(r.facilitator()));
		if (id == null) throw new IllegalStateException("the meeting's conference was made in the meantime");
		List<UserId> attendees = new ArrayList<>();
		attendees.add(CurrentUser.require().id());
		if (r.team() != null) {
			teams().stream().filter(t -> t.id().equals(r.team())).findFirst().ifPresent(t -> {
				if (t.supervisor() != null) attendees.add(t.supervisor());
				attendees.addAll(t.members());
			});
		}
		else {
			programs.find(new ProgramId(r.program())).ifPresent(p -> attendees.addAll(p.supervisors()));
		}
		for (UserId user : new java.util.LinkedHashSet<>(attendees)) {
			accounts.find(user).filter(u -> u.enabled()).ifPresent(u -> conferences.addAttendeeRow(id, user, u.displayName(), null));
		}
		Map<CaseId, PatientId> open = openCases(r);
		Map<CaseId, List<DiscussionFlags.Flag>> flags = new LinkedHashMap<>();
		for (DiscussionFlags contributor : contributors) {
			contributor.flags(open).forEach((kase, found) -> flags.computeIfAbsent(kase, k -> new ArrayList<>()).addAll(found));
		}
		Map<CaseId, Acuity> acuities = cases.acuities(flags.keySet());
		List<CaseId> agenda = flags.keySet().stream()
			.sorted(Comparator.<CaseId>comparingInt(k -> -flags.get(k).size())
				.thenComparing(k -> -acuities.getOrDefault(k, Acuity.LOW).weight()).thenComparing(CaseId::toString))
			.limit(AGENDA_MAX).toList();
		for (CaseId kase : agenda) {
			String reasons = String.join("; ", flags.get(kase).stream().map(DiscussionFlags.Flag::reason).distinct().toList());
			conferences.addCaseRow(id, kase, open.get(kase), reasons);
		}
		audit.record(new AuditEntry("CREATE", JdbcConferences.RESOURCE, id.toString(), null, AuditOutcome.SUCCESS,
				"team meeting agenda: " + agenda.size() + " of " + flags.size() + " flagged cases"));
		return id;
	}

	/** The open cases the meeting covers: the program's, or those of the team's case managers. */
	private Map<CaseId, PatientId> openCases(Row r) {
		Map<CaseId, PatientId> out = new LinkedHashMap<>();
		if (r.program() != null) {
			List<CaseloadRow> rows = SystemActor.call("team-meeting", List.of("SYSTEM"), () -> cases.activeInProgram(new ProgramId(r.program())));
			rows.forEach(c -> out.put(c.id(), c.patient()));
			return out;
		}
		TeamView team = teams().stream().filter(t -> t.id().equals(r.team())).findFirst().orElse(null);
		if (team == null) return out;
		Set<UserId> managers = new java.util.LinkedHashSet<>(team.members());
		CaseloadQuery query = new CaseloadQuery(null, null, null, null, CaseloadQuery.Order.ACUITY);
		for (UserId manager : managers) {
			if (accounts.find(manager).filter(u -> u.has(Role.CASE_MANAGER)).isEmpty()) continue;
			int offset = 0;
			while (true) {
				var page = cases.caseload(manager, query, offset, 200);
				page.rows().forEach(c -> out.put(c.id(), c.patient()));
				offset += 200;
				if (page.rows().size() < 200 || offset >= 2000) break;
			}
		}
		return out;
	}
}
