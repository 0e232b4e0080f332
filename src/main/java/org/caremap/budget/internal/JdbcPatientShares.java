package org.caremap.budget.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.budget.PatientShare;
import org.caremap.budget.PatientShares;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The patient's share of each arranged service, in PostgreSQL; read and changed through the access check, audited. */
@Service
@Transactional
class JdbcPatientShares implements PatientShares {

	private static final String RESOURCE = "PatientShare";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	JdbcPatientShares(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, PatientShare> of(PatientId patient, List<UUID> interventions) {
		access.require(patient, AccessPurpose.READ);
		Map<UUID, PatientShare> out = new HashMap<>();
		if (interventions.isEmpty()) return out;
		jdbc.sql("""
				select intervention_id, kind, amount_cents, per, note from budget_patient_share
				where patient_id = ? and intervention_id = any(?)""")
			.params(patient.value(), interventions.toArray(UUID[]::new))
			.query((rs, n) -> out.put(rs.getObject(1, UUID.class), new PatientShare(PatientShare.Kind.valueOf(rs.getString(2)),
					(Long) rs.getObject(3), rs.getString(4) == null ? null : PatientShare.Per.valueOf(rs.getString(4)), rs.getString(5))))
			.list();
		if (!out.isEmpty()) audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, out.size() + " shares"));
		return out;
	}

	@Override
	public void record(PatientId patient, UUID intervention, PatientShare share) {
		access.require(patient, AccessPurpose.CONTRIBUTE);
		String actor = CurrentActor.name();
		int changed = jdbc.sql("""
				insert into budget_patient_share (intervention_id, patient_id, kind, amount_cents, per, note, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (intervention_id) do update set kind = excluded.kind, amount_cents = excluded.amount_cents,
				    per = excluded.per, note = excluded.note, version = budget_patient_share.version + 1, updated_at = now(),
				    updated_by = excluded.updated_by
				where budget_patient_share.patient_id = excluded.patient_id""")
			.params(intervention, patient.value(), share.kind().name(), share.amountCents(),
					share.per() == null ? null : share.per().name(), share.note(), actor, actor)
			.update();
		if (changed == 0) throw new DomainException("share.not-patients", "the intervention is not this patient's");
		audit.record(new AuditEntry("UPDATE", RESOURCE, intervention.toString(), patient, AuditOutcome.SUCCESS,
				share.kind() + (share.amountCents() == null ? "" : " " + share.amountCents() + " per " + share.per())));
	}
}
