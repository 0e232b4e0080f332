package org.caremap.medication.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.medication.AllergyView;
import org.caremap.medication.MedicationView;
import org.caremap.medication.Medications;
import org.caremap.medication.NewAllergy;
import org.caremap.medication.NewMedication;
import org.caremap.medication.Recorded;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcMedications implements Medications {

	private static final String MEDICATION = "MedicationStatement";
	private static final String ALLERGY = "AllergyIntolerance";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	JdbcMedications(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public List<MedicationView> medications(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<MedicationView> list = jdbc.sql("""
				select * from medication_statement where patient_id = ?
				order by status = 'active' desc, effective_start desc nulls last, display, id""")
			.param(patient.value()).query(JdbcMedications::medication).list();
		audit.record(new AuditEntry("READ", MEDICATION, null, patient, AuditOutcome.SUCCESS, list.size() + " medications"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public List<AllergyView> allergies(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<AllergyView> list = jdbc.sql("""
				select * from allergy_intolerance where patient_id = ?
				order by coalesce(clinical_status = 'active', false) desc, display, id""")
			.param(patient.value()).query(JdbcMedications::allergy).list();
		audit.record(new AuditEntry("READ", ALLERGY, null, patient, AuditOutcome.SUCCESS, list.size() + " allergies"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<MedicationView> medication(UUID id) {
		Optional<MedicationView> found = jdbc.sql("select * from medication_statement where id = ?").param(id)
			.query(JdbcMedications::medication).optional();
		found.ifPresent(m -> {
			access.require(m.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(MEDICATION, id.toString(), m.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AllergyView> allergy(UUID id) {
		Optional<AllergyView> found = jdbc.sql("select * from allergy_intolerance where id = ?").param(id)
			.query(JdbcMedications::allergy).optional();
		found.ifPresent(a -> {
			access.require(a.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(ALLERGY, id.toString(), a.patient()));
		});
		return found;
	}

	@Override
	public Recorded record(NewMedication m) {
		String code = Texts.orNull(m.code());
		String system = Texts.orNull(m.codeSystem());
		String display = Texts.orNull(m.display());
		if (code == null || system == null || display == null) {
			throw new DomainException("medication.incomplete", "a medication needs a code system, a code and a name");
		}
		if (!MedicationView.STATUSES.contains(m.status())) {
			throw new DomainException("medication.status", "not a MedicationStatement status: " + m.status(), m.status());
		}
		if (m.effectiveStart() != null && m.effectiveEnd() != null && m.effectiveEnd().isBefore(m.effectiveStart())) {
			throw new DomainException("medication.dates", "the medication ends before it starts");
		}
		access.require(m.patient(), AccessPurpose.WRITE);
		String find = """
				select id from medication_statement where patient_id = ? and code_system = ? and code = ?
				  and effective_start is not distinct from ?""";
		Optional<UUID> held = jdbc.sql(find).params(m.patient().value(), system, code, time(m.effectiveStart()))
			.query(UUID.class).optional();
		if (held.isEmpty()) {
			held = jdbc.sql("""
					insert into medication_statement (id, patient_id, code_system, code, display, status, effective_start,
					    effective_end, dosage, reason, source, source_reference, created_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id""")
				.params(UUID.randomUUID(), m.patient().value(), system, code, display, m.status(), time(m.effectiveStart()),
						time(m.effectiveEnd()), Texts.orNull(m.dosage()), Texts.orNull(m.reason()), source(m.source()),
						Texts.orNull(m.sourceReference()), CurrentActor.name())
				.query(UUID.class).optional();
			if (held.isPresent()) {
				audit.record(AuditEntry.write("CREATE", MEDICATION, held.get().toString(), m.patient()));
				return new Recorded(held.get(), true);
			}
			held = jdbc.sql(find).params(m.patient().value(), system, code, time(m.effectiveStart())).query(UUID.class).optional();
		}
		UUID id = held.orElseThrow();
		audit.record(new AuditEntry("READ", MEDICATION, id.toString(), m.patient(), AuditOutcome.SUCCESS, "already recorded"));
		return new Recorded(id, false);
	}

	@Override
	public Recorded record(NewAllergy a) {
		String code = Texts.orNull(a.code());
		String system = Texts.orNull(a.codeSystem());
		String display = Texts.orNull(a.display());
		if (code == null || system == null || display == null) {
			throw new DomainException("allergy.incomplete", "an allergy needs a code system, a code and a substance name");
		}
		coded(a.verificationStatus(), AllergyView.VERIFICATION_STATUSES);
		boolean inError = "entered-in-error".equals(a.verificationStatus());
		String clinical = inError ? null : a.clinicalStatus() == null ? "active" : a.clinicalStatus();
		coded(clinical, AllergyView.CLINICAL_STATUSES);
		coded(a.type(), AllergyView.TYPES);
		coded(a.category(), AllergyView.CATEGORIES);
		coded(a.criticality(), AllergyView.CRITICALITIES);
		access.require(a.patient(), AccessPurpose.WRITE);
		String find = "select id from allergy_intolerance where patient_id = ? and code_system = ? and code = ?";
		Optional<UUID> held = jdbc.sql(find).params(a.patient().value(), system, code).query(UUID.class).optional();
		if (held.isEmpty()) {
			held = jdbc.sql("""
					insert into allergy_intolerance (id, patient_id, code_system, code, display, clinical_status,
					    verification_status, type, category, criticality, recorded_at, reaction, source, created_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id""")
				.params(UUID.randomUUID(), a.patient().value(), system, code, display, clinical, a.verificationStatus(),
						a.type(), a.category(), a.criticality(), time(a.recordedAt()), Texts.orNull(a.reaction()),
						source(a.source()), CurrentActor.name())
				.query(UUID.class).optional();
			if (held.isPresent()) {
				audit.record(AuditEntry.write("CREATE", ALLERGY, held.get().toString(), a.patient()));
				return new Recorded(held.get(), true);
			}
			held = jdbc.sql(find).params(a.patient().value(), system, code).query(UUID.class).optional();
		}
		UUID id = held.orElseThrow();
		audit.record(new AuditEntry("READ", ALLERGY, id.toString(), a.patient(), AuditOutcome.SUCCESS, "already recorded"));
		return new Recorded(id, false);
	}

	private static void coded(@Nullable String value, Set<String> allowed) {
		if (value != null && !allowed.contains(value)) {
			throw new DomainException("allergy.code-unknown", "not a code of an allergy: " + value, value);
		}
	}

	private static String source(@Nullable String source) {
		String s = Texts.orNull(source);
		return s == null ? "import" : s;
	}

	private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	private static MedicationView medication(ResultSet rs, int n) throws SQLException {
		return new MedicationView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getString("code_system"), rs.getString("code"), rs.getString("display"), rs.getString("status"),
				instant(rs, "effective_start"), instant(rs, "effective_end"), rs.getString("dosage"), rs.getString("reason"),
				rs.getString("source"), rs.getString("source_reference"), instant(rs, "created_at"), rs.getString("created_by"));
	}

	private static AllergyView allergy(ResultSet rs, int n) throws SQLException {
		return new AllergyView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getString("code_system"), rs.getString("code"), rs.getString("display"), rs.getString("clinical_status"),
				rs.getString("verification_status"), rs.getString("type"), rs.getString("category"),
				rs.getString("criticality"), instant(rs, "recorded_at"), rs.getString("reaction"), rs.getString("source"),
				instant(rs, "created_at"), rs.getString("created_by"));
	}
}
