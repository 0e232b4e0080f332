package org.caremap.contact.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseSignals;
import org.caremap.organization.Organizations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The last contact that reached the patient or caregiver, per case, for the caseload lists. */
@Component
class LastContactSignals implements CaseSignals {

	private final JdbcClient jdbc;
	private final Organizations organizations;

	LastContactSignals(JdbcClient jdbc, Organizations organizations) {
		this.jdbc = jdbc;
		this.organizations = organizations;
	}

	@Override
	public Map<CaseId, LocalDate> lastContact(Collection<CaseId> cases) {
		if (cases.isEmpty()) return Map.of();
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		Map<CaseId, LocalDate> out = new HashMap<>();
		jdbc.sql("""
				select case_id, max(occurred_at) from contact
				where case_id = any(?) and outcome = 'REACHED' and not voided group by case_id""")
			.param(cases.stream().map(CaseId::value).toArray(UUID[]::new))
			.query((rs, n) -> out.put(new CaseId(rs.getObject(1, UUID.class)),
					rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate()))
			.list();
		return out;
	}
}
