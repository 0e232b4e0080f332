package org.caremap.community.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.community.Directory;
import org.caremap.community.ServiceCard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory as the rest of Caremap reads it. Directory entries are not patient data: reads are not audited
 * (as the organisation's provider directory), changes are (in {@link JdbcDirectoryEditor}); a delivered referral is
 * counted here for the search's ranking.
 */
@Component
@Transactional
class JdbcDirectory implements Directory {

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	JdbcDirectory(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ServiceCard> find(UUID service) {
		return jdbc.sql("""
				select s.id, s.organization_id, s.name, o.name as organization_name, s.description,
				       coalesce(s.phone, o.phone) as phone, coalesce(s.email, o.email) as email, coalesce(s.url, o.website) as url,
				       l.id as location_id, l.address_1, l.city, l.state, l.postal_code, l.latitude, l.longitude, l.transportation,
				       s.application_process, s.fees_description, s.free, s.eligibility_description, s.needs, s.languages,
				       o.referral_email, s.status, s.verified_at
				from community_service s
				join community_organization o on o.id = s.organization_id
				left join lateral (
				    select l.* from community_service_location sl join community_location l on l.id = sl.location_id
				    where sl.service_id = s.id order by l.status = 'ACTIVE' desc, l.name nulls last, l.id limit 1) l on true
				where s.id = ?""")
			.param(service)
			.query((rs, n) -> card(rs))
			.optional()
			.map(card -> withHours(card));
	}

	private ServiceCard withHours(ServiceCard c) {
		List<Hours.Slot> slots = jdbc.sql("select weekday, opens_at, closes_at from community_schedule where service_id = ?")
			.param(c.id())
			.query((rs, n) -> new Hours.Slot(rs.getInt(1), rs.getObject(2, java.time.LocalTime.class),
					rs.getObject(3, java.time.LocalTime.class)))
			.list();
		return new ServiceCard(c.id(), c.organizationId(), c.name(), c.organizationName(), c.description(), c.phone(),
				c.email(), c.url(), c.address(), c.city(), c.state(), c.postalCode(), c.latitude(), c.longitude(),
				c.transportation(), c.applicationProcess(), c.fees(), c.free(), c.eligibility(), c.needs(), c.languages(),
				Hours.lines(slots, Locale.ENGLISH), c.referralEmail(), c.active(), c.verifiedAt());
	}

	private static ServiceCard card(ResultSet rs) throws SQLException {
		Timestamp verified = rs.getTimestamp("verified_at");
		return new ServiceCard(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
				rs.getString("name"), rs.getString("organization_name"), rs.getString("description"), rs.getString("phone"),
				rs.getString("email"), rs.getString("url"), rs.getString("address_1"), rs.getString("city"),
				rs.getString("state"), rs.getString("postal_code"), (Double) rs.getObject("latitude"),
				(Double) rs.getObject("longitude"), rs.getString("transportation"), rs.getString("application_process"),
				rs.getString("fees_description"), rs.getBoolean("free"), rs.getString("eligibility_description"),
				strings(rs.getArray("needs")), strings(rs.getArray("languages")), List.of(), rs.getString("referral_email"),
				"ACTIVE".equals(rs.getString("status")), verified == null ? null : verified.toInstant());
	}

	static List<String> strings(@org.jspecify.annotations.Nullable Array array) throws SQLException {
		if (array == null) return List.of();
		Object[] values = (Object[]) array.getArray();
		return Arrays.stream(values).map(String::valueOf).toList();
	}

	@Override
	public void recordDelivered(UUID service, String caseManager) {
		String who = caseManager == null || caseManager.isBlank() ? "unknown" : caseManager.strip();
		if (who.length() > 100) who = who.substring(0, 100);
		int known = jdbc.sql("select count(*) from community_service where id = ?").param(service).query(Integer.class).single();
		if (known == 0) return;
		for (String key : List.of(who, "*")) {
			jdbc.sql("""
					insert into community_delivered (service_id, case_manager, delivered) values (?, ?, 1)
					on conflict (service_id, case_manager)
					do update set delivered = community_delivered.delivered + 1, last_delivered_at = now()""")
				.params(service, key)
				.update();
		}
		audit.record(AuditEntry.write("UPDATE", "HealthcareService", service.toString(), null)
			.withOutcome(org.caremap.audit.AuditOutcome.SUCCESS, "referral delivered by " + who));
	}
}
