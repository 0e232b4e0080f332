package org.caremap.program.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.OrganizationId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcPrograms implements Programs {

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	JdbcPrograms(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ProgramView> all() {
		return query("", null);
	}

	@Override
	@Transactional(readOnly = true)
	public List<ProgramView> active() {
		return query("where p.active", null);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ProgramView> find(ProgramId id) {
		return query("where p.id = :id", id.value()).stream().findFirst();
	}

	private List<ProgramView> query(String where, @Nullable UUID programId) {
		// a page asks for programs from several parts (the chart's header, its cases, its panels): once per reading
		// request and question, a list of the caller's own each time
		return new java.util.ArrayList<>(org.caremap.shared.RequestMemo.get("programs:" + where + ":" + programId,
				() -> List.copyOf(read(where, programId))));
	}

	private List<ProgramView> read(String where, @Nullable UUID programId) {
		Map<UUID, Set<UserId>> supervisors = jdbc.sql("select program_id, user_id from program_supervisor")
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
		var statement = jdbc.sql("""
				select p.id, p.name, p.type, p.description, p.eligibility, p.contact_every_days, p.confidentiality,
				       p.active
				from program p""" + " " + where + " order by p.active desc, p.name");
		if (programId != null) statement = statement.param("id", programId);
		return statement.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				return new ProgramView(new ProgramId(id), rs.getString("name"), ProgramType.valueOf(rs.getString("type")),
						rs.getString("description"), rs.getString("eligibility"), rs.getInt("contact_every_days"),
						Confidentiality.valueOf(rs.getString("confidentiality")), rs.getBoolean("active"),
						supervisors.getOrDefault(id, Set.of()));
			})
			.list();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public ProgramView create(OrganizationId organization, ProgramDefinition d) {
		requireUniqueName(d.name(), null);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into program (id, organization_id, name, type, description, eligibility, contact_every_days,
				                     confidentiality, active, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, organization.value(), d.name(), d.type().name(), d.description(), d.eligibility(),
					d.contactEveryDays(), d.confidentiality().name(), d.active(), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "Program", id.toString(), null));
		return find(new ProgramId(id)).orElseThrow();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public ProgramView update(ProgramId id, ProgramDefinition d) {
		find(id).orElseThrow(() -> new NotFoundException("program", id));
		requireUniqueName(d.name(), id);
		jdbc.sql("""
				update program set name = ?, type = ?, description = ?, eligibility = ?, contact_every_days = ?,
				       confidentiality = ?, active = ?, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(d.name(), d.type().name(), d.description(), d.eligibility(), d.contactEveryDays(),
					d.confidentiality().name(), d.active(), CurrentActor.name(), id.value())
			.update();
		audit.record(AuditEntry.write("UPDATE", "Program", id.toString(), null));
		return find(id).orElseThrow();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void assignSupervisors(ProgramId id, Set<UserId> supervisors) {
		find(id).orElseThrow(() -> new NotFoundException("program", id));
		jdbc.sql("delete from program_supervisor where program_id = ?").param(id.value()).update();
		for (UserId supervisor : supervisors) {
			jdbc.sql("insert into program_supervisor (program_id, user_id) values (?, ?)")
				.params(id.value(), supervisor.value())
				.update();
		}
		audit.record(new AuditEntry("UPDATE", "Program", id.toString(), null, org.caremap.audit.AuditOutcome.SUCCESS,
				"supervisors=" + supervisors.size()));
	}

	@Override
	@Transactional(readOnly = true)
	public Set<ProgramId> supervisedBy(UserId supervisor) {
		return new HashSet<>(jdbc.sql("select program_id from program_supervisor where user_id = ?")
			.param(supervisor.value())
			.query((rs, n) -> new ProgramId(rs.getObject(1, UUID.class)))
			.list());
	}

	private void requireUniqueName(String name, @Nullable ProgramId except) {
		long same = jdbc.sql("select count(*) from program where lower(name) = lower(?) and id <> ?")
			.params(name, except == null ? new UUID(0, 0) : except.value())
			.query(Long.class)
			.single();
		if (same > 0) throw new DomainException("program.name-taken", name, name);
	}

}
