package org.caremap.utilization.internal;

import java.util.List;
import java.util.Optional;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.Ids;
import org.caremap.utilization.PayerRule;
import org.caremap.utilization.PayerRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The payer rules in {@code payer_rule}; the row {@code *} answers for payers nobody configured. */
@Service
@Transactional
class JdbcPayerRules implements PayerRules {

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	JdbcPayerRules(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public List<PayerRule> all() {
		return jdbc.sql("select * from payer_rule order by payer = '*', lower(payer)").query(JdbcPayerRules::rule).list();
	}

	@Override
	@Transactional(readOnly = true)
	public PayerRule of(String payer) {
		Optional<PayerRule> own = jdbc.sql("select * from payer_rule where lower(payer) = lower(?)").param(payer.trim())
			.query(JdbcPayerRules::rule).optional();
		return own.orElseGet(() -> jdbc.sql("select * from payer_rule where payer = '*'").query(JdbcPayerRules::rule).single());
	}

	@Override
	@PreAuthorize("hasAnyRole('ADMIN', 'SYSTEM')")
	public void save(PayerRule r) {
		int changed = jdbc.sql("""
				update payer_rule set payer = ?, payer_type = ?, expedited_hours = ?, standard_days = ?, decision_source = ?,
				    appeal_days = ?, appeal_source = ?, renewal_share_percent = ?, renewal_business_days = ?, updated_at = now(),
				    updated_by = ?
				where lower(payer) = lower(?)""")
			.params(r.payer(), r.type().name(), r.expeditedHours(), r.standardDays(), r.decisionSource(), r.appealDays(),
					r.appealSource(), r.renewalSharePercent(), r.renewalBusinessDays(), CurrentActor.name(), r.payer())
			.update();
		if (changed == 0) {
			jdbc.sql("""
					insert into payer_rule (id, payer, payer_type, expedited_hours, standard_days, decision_source, appeal_days,
					    appeal_source, renewal_share_percent, renewal_business_days, created_by, updated_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(Ids.newId(), r.payer(), r.type().name(), r.expeditedHours(), r.standardDays(), r.decisionSource(),
						r.appealDays(), r.appealSource(), r.renewalSharePercent(), r.renewalBusinessDays(), CurrentActor.name(),
						CurrentActor.name())
				.update();
		}
		audit.record(new AuditEntry(changed == 0 ? "CREATE" : "UPDATE", "PayerRule", r.payer(), null, AuditOutcome.SUCCESS, null));
	}

	private static PayerRule rule(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new PayerRule(rs.getObject("id", java.util.UUID.class), rs.getString("payer"),
				PayerRule.PayerType.valueOf(rs.getString("payer_type")), rs.getInt("expedited_hours"), rs.getInt("standard_days"),
				rs.getString("decision_source"), rs.getInt("appeal_days"), rs.getString("appeal_source"),
				rs.getInt("renewal_share_percent"), rs.getInt("renewal_business_days"));
	}
}
