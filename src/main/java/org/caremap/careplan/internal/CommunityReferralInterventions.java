package org.caremap.careplan.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.community.CommunityReferralClosed;
import org.caremap.community.ReferralOrigin;
import org.caremap.community.ReferralOrigins;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Care-plan interventions and community referrals: a referral may start from an intervention of the patient's current
 * plan (the referral shows its words), and one that the organisation closes as "service delivered" marks the
 * intervention done in a new version of the plan (once: an intervention already done or stopped is left alone).
 */
@Component
class CommunityReferralInterventions implements ReferralOrigins {

	private final JdbcClient jdbc;
	private final CarePlans plans;

	CommunityReferralInterventions(JdbcClient jdbc, CarePlans plans) {
		this.jdbc = jdbc;
		this.plans = plans;
	}

	private Optional<UUID> planHolding(PatientId patient, UUID intervention) {
		return jdbc.sql("""
				select p.id from care_plan p join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				where p.patient_id = ? and v.content -> 'interventions' @> ?::jsonb""")
			.params(patient.value(), "[{\"id\":\"" + intervention + "\"}]").query(UUID.class).optional();
	}

	@Override
	public Optional<ReferralOrigin> find(PatientId patient, ReferralOrigin.Kind kind, UUID id) {
		if (kind != ReferralOrigin.Kind.INTERVENTION) return Optional.empty();
		return planHolding(patient, id).flatMap(plans::find)
			.flatMap(plan -> plan.content().interventions().stream().filter(i -> i.id().equals(id)).findFirst())
			.map(i -> new ReferralOrigin(kind, i.id(), i.text(), null,
					i.status() == CarePlanContent.InterventionStatus.PLANNED || i.status() == CarePlanContent.InterventionStatus.IN_PROGRESS));
	}

	@ApplicationModuleListener
	void on(CommunityReferralClosed event) {
		if (!event.delivered() || event.originKind() != ReferralOrigin.Kind.INTERVENTION || event.originId() == null) return;
		UUID intervention = event.originId();
		SystemActor.run("community-referral", List.of("SYSTEM"), () -> planHolding(event.patient(), intervention).flatMap(plans::find)
			.ifPresent(plan -> done(plan, intervention, event.organizationName())));
	}

	private void done(CarePlanView plan, UUID intervention, String organization) {
		CarePlanContent c = plan.content();
		boolean open = c.interventions().stream().anyMatch(i -> i.id().equals(intervention)
				&& (i.status() == CarePlanContent.InterventionStatus.PLANNED || i.status() == CarePlanContent.InterventionStatus.IN_PROGRESS));
		if (!open) return;
		List<CarePlanContent.Intervention> changed = c.interventions().stream()
			.map(i -> !i.id().equals(intervention) ? i : new CarePlanContent.Intervention(i.id(), i.goalId(), i.text(), i.owner(),
					i.ownerName(), i.frequency(), CarePlanContent.InterventionStatus.DONE, i.template(), i.translations(),
					i.frequencyTranslations()))
			.toList();
		try {
			plans.save(plan.id(), plan.version(), new CarePlanContent(c.problems(), c.goals(), changed, c.barriers()),
					"Done: " + organization + " delivered the service (community referral)");
		}
		catch (DomainException ex) {
			if (!"careplan.stale".equals(ex.code())) throw ex;
			// someone saved the plan in the meantime: the event is delivered again and tries on the new version
			throw new IllegalStateException("care plan changed while marking the intervention done", ex);
		}
	}
}
