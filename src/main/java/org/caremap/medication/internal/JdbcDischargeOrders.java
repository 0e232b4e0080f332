package org.caremap.medication.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.medication.DischargeOrder;
import org.caremap.medication.DischargeOrders;
import org.caremap.medication.MedicationEntry;
import org.caremap.medication.Reconciliations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcDischargeOrders implements DischargeOrders {

	static final String RESOURCE = "MedicationRequest";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Reconciliations reconciliations;

	JdbcDischargeOrders(JdbcClient jdbc, PatientAccess access, AuditTrail audit, Reconciliations reconciliations) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.reconciliations = reconciliations;
	}

	@Override
	public UUID record(PatientId patient, @Nullable UUID encounter, MedicationEntry entry, @Nullable String dosageText,
			String status, String intent, @Nullable Instant authoredOn, @Nullable String sourceReference) {
		if (!STATUSES.contains(status)) throw new DomainException("order.status", "not a MedicationRequest status", status);
		if (!INTENTS.contains(intent)) throw new DomainException("order.intent", "not an intent of a discharge order", intent);
		String text = Texts.orNull(dosageText);
		String reference = Texts.orNull(sourceReference);
		if ((text != null && text.length() > 1000) || (reference != null && reference.length() > 300)) {
			throw new DomainException("medication.too-long", "too long", "1000");
		}
		access.require(patient, AccessPurpose.WRITE);
		// the stay's draft reconciliation (or the patient's latest draft), else a new one for the stay
		UUID rec = jdbc.sql("""
				select id from medication_reconciliation where patient_id = ? and status = 'DRAFT'
				  and (?::uuid is null or encounter_id is null or encounter_id = ?)
				order by (encounter_id is not distinct from ?) desc, created_at desc limit 1""")
			.params(patient.value(), encounter, encounter, encounter).query(UUID.class).optional()
			.orElseGet(() -> reconciliations.start(patient, encounter, "Discharge list received"));
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into medication_request (id, patient_id, encounter_id, reconciliation_id, rxnorm_code, name, dose, route,
				    frequency, dosage_text, prescriber, status, intent, authored_on, source_reference, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), encounter, rec, entry.rxnormCode(), entry.name(), entry.dose(), entry.route(),
					entry.frequency(), text, entry.prescriber(), status, intent,
					authoredOn == null ? null : authoredOn.atOffset(ZoneOffset.UTC), reference, CurrentActor.name())
			.update();
		if ("active".equals(status) || "draft".equals(status)) reconciliations.add(rec, Reconciliations.Column.DISCHARGE, entry);
		audit.record(AuditEntry.write("CREATE", RESOURCE, id.toString(), patient));
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<DischargeOrder> find(UUID id) {
		Optional<DischargeOrder> found = jdbc.sql("select * from medication_request where id = ?").param(id)
			.query(JdbcDischargeOrders::order).optional();
		found.ifPresent(o -> {
			access.require(o.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(RESOURCE, id.toString(), o.patient()));
		});
		return found;
	}

	private static DischargeOrder order(ResultSet rs, int n) throws SQLException {
		OffsetDateTime authored = rs.getObject("authored_on", OffsetDateTime.class);
		return new DischargeOrder(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getObject("encounter_id", UUID.class), rs.getObject("reconciliation_id", UUID.class),
				new MedicationEntry(rs.getString("rxnorm_code"), rs.getString("name"), rs.getString("dose"),
						rs.getString("route"), rs.getString("frequency"), rs.getString("prescriber"),
						org.caremap.medication.MedicationSource.DISCHARGE_LIST),
				rs.getString("dosage_text"), rs.getString("status"), rs.getString("intent"),
				authored == null ? null : authored.toInstant(), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}
}
