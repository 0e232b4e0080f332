package org.caremap.organization.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.Ids;
import org.caremap.shared.OrganizationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcProviderDirectory implements ProviderDirectory {

	private static final String COLUMNS = "id, kind, name, specialty, npi, phone, address";

	private final JdbcClient jdbc;

	JdbcProviderDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ProviderView> all(OrganizationId organization) {
		return jdbc.sql("select " + COLUMNS + " from provider where organization_id = ? and active order by lower(name)")
			.param(organization.value())
			.query((rs, n) -> read(rs))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ProviderView> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from provider where id = ?").param(id).query((rs, n) -> read(rs)).optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ProviderView> byNpi(OrganizationId organization, String npi) {
		return jdbc.sql("select " + COLUMNS + " from provider where organization_id = ? and npi = ? limit 1")
			.params(organization.value(), npi).query((rs, n) -> read(rs)).optional();
	}

	@Override
	@PreAuthorize("hasAnyRole('ADMIN', 'INTAKE', 'CASE_MANAGER', 'SUPERVISOR', 'SYSTEM')")
	public ProviderView add(OrganizationId organization, ProviderView p) {
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into provider (id, organization_id, kind, name, specialty, npi, phone, address, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, organization.value(), p.kind().name(), p.name().trim(), p.specialty(), p.npi(), p.phone(),
					p.address(), CurrentActor.name())
			.update();
		return find(id).orElseThrow();
	}

	private static ProviderView read(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new ProviderView(rs.getObject("id", UUID.class), ProviderView.Kind.valueOf(rs.getString("kind")),
				rs.getString("name"), rs.getString("specialty"), rs.getString("npi"), rs.getString("phone"),
				rs.getString("address"));
	}
}
