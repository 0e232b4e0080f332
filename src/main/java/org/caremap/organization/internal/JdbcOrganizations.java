package org.caremap.organization.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.organization.TeamView;
import org.caremap.shared.Ids;
import org.caremap.shared.OrganizationId;
import org.caremap.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcOrganizations implements Organizations {

	private final JdbcClient jdbc;

	private final BusinessHoursProperties hours;

	JdbcOrganizations(JdbcClient jdbc, BusinessHoursProperties hours) {
		this.jdbc = jdbc;
		this.hours = hours;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<OrganizationView> primary() {
		// asked by many parts of one page (today's date, the time zone): once per reading request
		return org.caremap.shared.RequestMemo.get("organization.primary", () -> jdbc
			.sql("select id, name, time_zone from organization order by created_at, id limit 1")
			.query((rs, n) -> new OrganizationView(new OrganizationId(rs.getObject("id", UUID.class)),
					rs.getString("name"), ZoneId.of(rs.getString("time_zone"))))
			.optional());
	}

	@Override
	public OrganizationView create(String name, ZoneId zone) {
		UUID id = Ids.newId();
		jdbc.sql("insert into organization (id, name, time_zone) values (?, ?, ?)").params(id, name, zone.getId())
			.update();
		return new OrganizationView(new OrganizationId(id), name, zone);
	}

	@Override
	public TeamView createTeam(OrganizationId organization, String name, UserId supervisor, List<UserId> members) {
		UUID id = Ids.newId();
		jdbc.sql("insert into team (id, organization_id, name, supervisor_id) values (?, ?, ?, ?)")
			.params(id, organization.value(), name, supervisor.value())
			.update();
		for (UserId member : members) {
			jdbc.sql("insert into team_member (team_id, user_id) values (?, ?)").params(id, member.value()).update();
		}
		return new TeamView(id, name, supervisor, members);
	}

	@Override
	@Transactional(readOnly = true)
	public List<TeamView> teams(OrganizationId organization) {
		return jdbc.sql("select id, name, supervisor_id from team where organization_id = ? order by name")
			.param(organization.value())
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				UUID supervisor = rs.getObject("supervisor_id", UUID.class);
				List<UserId> members = jdbc.sql("select user_id from team_member where team_id = ? order by user_id")
					.param(id)
					.query((r, i) -> new UserId(r.getObject(1, UUID.class)))
					.list();
				return new TeamView(id, rs.getString("name"), supervisor == null ? null : new UserId(supervisor),
						members);
			})
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Set<UserId> supervisedBy(UserId supervisor) {
		return new HashSet<>(jdbc.sql("""
				select distinct m.user_id from team t join team_member m on m.team_id = t.id
				where t.supervisor_id = ?""").param(supervisor.value())
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserId> supervisorOfTeam(UUID team) {
		return jdbc.sql("select supervisor_id from team where id = ? and supervisor_id is not null").param(team)
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Set<UUID> teamsOf(UserId member) {
		return new HashSet<>(jdbc.sql("select team_id from team_member where user_id = ?").param(member.value())
			.query(UUID.class).list());
	}

	@Override
	@Transactional(readOnly = true)
	public Set<UserId> supervisorsOf(UserId member) {
		return new HashSet<>(jdbc.sql("""
				select distinct t.supervisor_id from team t join team_member m on m.team_id = t.id
				where m.user_id = ? and t.supervisor_id is not null""").param(member.value())
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list());
	}

	@Override
	@org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
	public void addHoliday(OrganizationId organization, LocalDate day, String name) {
		jdbc.sql("""
				insert into holiday (organization_id, day, name) values (?, ?, ?)
				on conflict (organization_id, day) do update set name = excluded.name""")
			.params(organization.value(), day, name)
			.update();
	}

	@Override
	@Transactional(readOnly = true)
	public org.caremap.organization.BusinessCalendar calendar(OrganizationId organization) {
		ZoneId zone = jdbc.sql("select time_zone from organization where id = ?").param(organization.value())
			.query((rs, n) -> ZoneId.of(rs.getString(1)))
			.optional()
			.orElseThrow(() -> new org.caremap.shared.NotFoundException("organization", organization));
		LocalDate today = LocalDate.now(zone);
		return new org.caremap.organization.BusinessCalendar(zone,
				holidays(organization, today.minusYears(1), today.plusYears(2)), hours.opens(), hours.closes());
	}

	@Override
	@org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
	public void removeHoliday(OrganizationId organization, LocalDate day) {
		jdbc.sql("delete from holiday where organization_id = ? and day = ?").params(organization.value(), day).update();
	}

	@Override
	@Transactional(readOnly = true)
	public List<java.util.Map.Entry<LocalDate, String>> holidayList(OrganizationId organization) {
		return jdbc.sql("select day, name from holiday where organization_id = ? order by day")
			.param(organization.value())
			.query((rs, n) -> java.util.Map.entry(rs.getObject(1, LocalDate.class), rs.getString(2)))
			.list();
	}

	@Override
	@org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
	public void changeTimeZone(OrganizationId organization, ZoneId zone) {
		jdbc.sql("update organization set time_zone = ? where id = ?").params(zone.getId(), organization.value()).update();
	}

	@Override
	@Transactional(readOnly = true)
	public Set<LocalDate> holidays(OrganizationId organization, LocalDate from, LocalDate to) {
		return new HashSet<>(jdbc.sql("select day from holiday where organization_id = ? and day between ? and ?")
			.params(organization.value(), from, to)
			.query(LocalDate.class)
			.list());
	}
}
