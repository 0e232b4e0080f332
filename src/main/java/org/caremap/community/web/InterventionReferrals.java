package org.caremap.community.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartPart;
import org.caremap.chart.InterventionNotes;
import org.caremap.community.ReferralStatus;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The care plan knows its community referrals: beside each intervention, the latest referral made from it (its
 * organisation and status, a link to it), and, for an intervention still going on, a link to find a service for it.
 * The patient's copy names the organisation the intervention was referred to. Read from this module's tables, after
 * the care plan opened the patient's record.
 */
@Component
class InterventionReferrals implements InterventionNotes {

	/** What the fragment shows beside one intervention. */
	record Note(UUID patient, UUID intervention, boolean mayContribute, boolean active, @Nullable UUID referral,
			@Nullable String organization, @Nullable ReferralStatus status) {
	}

	private record Latest(UUID referral, String organization, ReferralStatus status) {
	}

	private final JdbcClient jdbc;

	InterventionReferrals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private Map<UUID, Latest> latest(PatientId patient, List<UUID> interventions) {
		Map<UUID, Latest> out = new HashMap<>();
		if (interventions.isEmpty()) return out;
		jdbc.sql("""
				select distinct on (origin_id) origin_id, id, organization_name, status from community_referral
				where patient_id = ? and origin_kind = 'INTERVENTION' and origin_id = any(?)
				order by origin_id, sent_at desc""")
			.params(patient.value(), interventions.toArray(UUID[]::new))
			.query((rs, n) -> out.put(rs.getObject(1, UUID.class), new Latest(rs.getObject(2, UUID.class), rs.getString(3),
					ReferralStatus.valueOf(rs.getString(4)))))
			.list();
		return out;
	}

	@Override
	public Map<UUID, List<ChartPart>> about(ChartHeader header, List<Intervention> interventions) {
		Map<UUID, Latest> found = latest(header.patient(), interventions.stream().map(Intervention::id).toList());
		boolean may = header.allowed().contains(AccessPurpose.CONTRIBUTE);
		Map<UUID, List<ChartPart>> out = new HashMap<>();
		for (Intervention i : interventions) {
			Latest l = found.get(i.id());
			if (l == null && !(i.active() && may)) continue;
			out.put(i.id(), List.of(new ChartPart(20, "community/parts", "intervention", new Note(header.patient().value(), i.id(), may,
					i.active(), l == null ? null : l.referral(), l == null ? null : l.organization(), l == null ? null : l.status()))));
		}
		return out;
	}

	@Override
	public Map<UUID, List<String>> forPatient(PatientId patient, List<UUID> interventions, String language, java.time.LocalDate today) {
		Map<UUID, List<String>> out = new HashMap<>();
		latest(patient, interventions).forEach((intervention, l) -> {
			if (l.status() == ReferralStatus.REJECTED || l.status() == ReferralStatus.CANCELLED) return;
			out.put(intervention, List.of(("es".equals(language) ? "Remitido a " : "Referred to ") + l.organization()));
		});
		return out;
	}
}
