package org.caremap.medication.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.medication.ListChange;
import org.caremap.medication.ListedMedication;
import org.caremap.medication.MedicationEntry;
import org.caremap.medication.MedicationList;
import org.caremap.medication.MedicationSource;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcMedicationList implements MedicationList {

	static final String RESOURCE = "MedicationList";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	JdbcMedicationList(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ListedMedication> of(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<ListedMedication> list = jdbc.sql("""
				select * from medication_list_item where patient_id = ?
				order by status = 'ACTIVE' desc, lower(name), id""")
			.param(patient.value()).query(JdbcMedicationList::item).list();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, list.size() + " medications"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ListChange> history(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<ListChange> changes = jdbc.sql("select * from medication_list_change where patient_id = ? order by created_at desc, id desc limit 500")
			.param(patient.value()).query(JdbcMedicationList::change).list();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, changes.size() + " changes of the list"));
		return changes;
	}

	@Override
	public void requireWrite(PatientId patient) {
		access.require(patient, AccessPurpose.WRITE);
	}

	@Override
	public UUID add(PatientId patient, MedicationEntry entry, String reason) {
		access.require(patient, AccessPurpose.WRITE);
		return insert(patient, entry, reason(reason), null);
	}

	/** Adds the entry to the list (also for a reconciliation, which has checked access already). */
	UUID insert(PatientId patient, MedicationEntry e, @Nullable String reason, @Nullable UUID reconciliation) {
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into medication_list_item (id, patient_id, rxnorm_code, name, dose, route, frequency, prescriber,
				                                  source, status, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)""")
			.params(id, patient.value(), e.rxnormCode(), e.name(), e.dose(), e.route(), e.frequency(), e.prescriber(),
					e.source().name(), CurrentActor.name())
			.update();
		history(id, reconciliation == null ? "ADDED" : "RECONCILED", reason, reconciliation);
		audit.record(AuditEntry.write("CREATE", RESOURCE, id.toString(), patient));
		return id;
	}

	@Override
	public void change(PatientId patient, UUID item, MedicationEntry entry, String reason) {
		access.require(patient, AccessPurpose.WRITE);
		ListedMedication current = owned(patient, item);
		update(current, entry, true, reason(reason), null);
	}

	@Override
	public void stop(PatientId patient, UUID item, String reason) {
		access.require(patient, AccessPurpose.WRITE);
		ListedMedication current = owned(patient, item);
		if (!current.active()) throw new DomainException("medication.already-stopped", "the medication is stopped already");
		update(current, current.entry(), false, reason(reason), null);
	}

	/** Writes the new state of the entry (guarded by its version) and its history row. */
	void update(ListedMedication current, MedicationEntry e, boolean active, @Nullable String reason,
			@Nullable UUID reconciliation) {
		int updated = jdbc.sql("""
				update medication_list_item set rxnorm_code = ?, name = ?, dose = ?, route = ?, frequency = ?,
				    prescriber = ?, source = ?, status = ?, stopped_at = ?, version = version + 1, updated_at = now(),
				    updated_by = ?
				where id = ? and version = ?""")
			.params(e.rxnormCode(), e.name(), e.dose(), e.route(), e.frequency(), e.prescriber(), e.source().name(),
					active ? "ACTIVE" : "STOPPED", active ? null : OffsetDateTime.now(), CurrentActor.name(), current.id(),
					current.version())
			.update();
		if (updated == 0) throw new DomainException("medication.changed", "the medication was changed by someone else meanwhile");
		String action = reconciliation != null ? "RECONCILED"
				: !active ? "STOPPED" : !current.active() ? "RESTARTED" : "CHANGED";
		history(current.id(), action, reason, reconciliation);
		audit.record(AuditEntry.write("UPDATE", RESOURCE, current.id().toString(), current.patient()));
	}

	ListedMedication owned(PatientId patient, UUID item) {
		return jdbc.sql("select * from medication_list_item where id = ? and patient_id = ?").params(item, patient.value())
			.query(JdbcMedicationList::item).optional().orElseThrow(() -> new NotFoundException("medication", item));
	}

	List<ListedMedication> active(PatientId patient) {
		return jdbc.sql("select * from medication_list_item where patient_id = ? and status = 'ACTIVE' order by lower(name), id")
			.param(patient.value()).query(JdbcMedicationList::item).list();
	}

	private void history(UUID item, String action, @Nullable String reason, @Nullable UUID reconciliation) {
		jdbc.sql("""
				insert into medication_list_change (item_id, patient_id, version, action, rxnorm_code, name, dose, route,
				    frequency, prescriber, source, status, reason, reconciliation_id, created_by)
				select id, patient_id, version, ?, rxnorm_code, name, dose, route, frequency, prescriber, source, status, ?, ?, ?
				from medication_list_item where id = ?""")
			.params(action, reason, reconciliation, CurrentActor.name(), item).update();
	}

	private static String reason(@Nullable String reason) {
		String r = Texts.orNull(reason);
		if (r == null) throw new DomainException("medication.reason-required", "say why");
		if (r.length() > 1000) throw new DomainException("medication.too-long", "the reason is too long", "1000");
		return r;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static MedicationEntry entry(ResultSet rs) throws SQLException {
		return new MedicationEntry(rs.getString("rxnorm_code"), rs.getString("name"), rs.getString("dose"),
				rs.getString("route"), rs.getString("frequency"), rs.getString("prescriber"),
				MedicationSource.valueOf(rs.getString("source")));
	}

	static ListedMedication item(ResultSet rs, int n) throws SQLException {
		return new ListedMedication(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				entry(rs), "ACTIVE".equals(rs.getString("status")), rs.getInt("version"), instant(rs, "stopped_at"),
				instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"));
	}

	private static ListChange change(ResultSet rs, int n) throws SQLException {
		return new ListChange(rs.getObject("item_id", UUID.class), rs.getInt("version"), rs.getString("action"), entry(rs),
				"ACTIVE".equals(rs.getString("status")), rs.getString("reason"), rs.getObject("reconciliation_id", UUID.class),
				instant(rs, "created_at"), rs.getString("created_by"));
	}
}
