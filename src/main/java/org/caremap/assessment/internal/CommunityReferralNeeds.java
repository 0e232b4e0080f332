package org.caremap.assessment.internal;

import java.util.Optional;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.community.CommunityReferralClosed;
import org.caremap.community.ReferralOrigin;
import org.caremap.community.ReferralOrigins;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Social needs and community referrals: a referral may start from one of the patient's social needs (the referral
 * form and page show its words), and a referral from a need that the organisation closes as "service delivered"
 * marks the need met, once (only an open need changes; an event seen twice changes nothing).
 */
@Component
class CommunityReferralNeeds implements ReferralOrigins {

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final org.springframework.context.ApplicationEventPublisher events;

	CommunityReferralNeeds(JdbcClient jdbc, AuditTrail audit, org.springframework.context.ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
	}

	@Override
	public Optional<ReferralOrigin> find(PatientId patient, ReferralOrigin.Kind kind, UUID id) {
		if (kind != ReferralOrigin.Kind.NEED) return Optional.empty();
		return jdbc.sql("select id, label, code, status from social_need where id = ? and patient_id = ?")
			.params(id, patient.value())
			.query((rs, n) -> new ReferralOrigin(kind, rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					"OPEN".equals(rs.getString(4))))
			.optional();
	}

	@ApplicationModuleListener
	void on(CommunityReferralClosed event) {
		if (!event.delivered() || event.originKind() != ReferralOrigin.Kind.NEED || event.originId() == null) return;
		int n = jdbc.sql("""
				update social_need set status = 'RESOLVED', resolution = ?, resolved_at = now(), resolved_by = ?
				where id = ? and patient_id = ? and status = 'OPEN'""")
			.params("Met: " + event.organizationName() + " delivered the service (community referral)",
					"system:community-referral", event.originId(), event.patient().value())
			.update();
		if (n > 0) {
			audit.record("system:community-referral", new AuditEntry("UPDATE", "SocialNeed", event.originId().toString(),
					event.patient(), AuditOutcome.SUCCESS, "met: community referral " + event.referral() + " delivered"));
			events.publishEvent(new org.caremap.assessment.SocialNeedResolved(event.originId(), event.patient(), event.at()));
		}
	}
}
