package org.caremap.patient.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.PatientSummary;
import org.caremap.patient.Sex;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcPatientRegistry implements PatientRegistry {

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	JdbcPatientRegistry(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'CASE_MANAGER', 'SUPERVISOR', 'SYSTEM')")
	public PatientId register(NewPatient p) {
		UUID id = Ids.newId();
		String actor = SecurityContextHolder.getContext().getAuthentication().getName();
		jdbc.sql("""
				insert into patient (id, organization_id, family_name, given_name, middle_name, birth_date, sex, phone,
				                     email, address_line, city, state, postal_code, preferred_language, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, p.organization().value(), p.familyName().trim(), p.givenName().trim(), p.middleName(),
					p.birthDate(), p.sex().code(), p.phone(), p.email(), p.addressLine(), p.city(), p.state(),
					p.postalCode(), p.preferredLanguage(), actor)
			.update();
		for (PatientIdentifier identifier : p.identifiers()) {
			jdbc.sql("""
					insert into patient_identifier (id, patient_id, type, system, value, assigner, created_by)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(Ids.newId(), id, identifier.type().name(), identifier.system(), identifier.value(),
						identifier.assigner(), actor)
				.update();
		}
		for (CodedCondition condition : p.conditions()) {
			jdbc.sql("""
					insert into patient_condition (id, patient_id, code_system, code, display, onset_date, created_by)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(Ids.newId(), id, CodedCondition.ICD10CM, condition.code(), condition.display(),
						condition.onset(), actor)
				.update();
		}
		PatientId patientId = new PatientId(id);
		audit.record(AuditEntry.write("CREATE", "Patient", patientId.toString(), patientId));
		return patientId;
	}

	@Override
	public Optional<PatientSummary> find(PatientId id) {
		access.require(id, AccessPurpose.READ);
		Optional<PatientSummary> found = jdbc.sql("""
				select id, family_name, given_name, birth_date, sex, preferred_language
				from patient where id = ? and not voided""")
			.param(id.value())
			.query((rs, n) -> new PatientSummary(id, rs.getString("family_name"), rs.getString("given_name"),
					rs.getObject("birth_date", LocalDate.class), Sex.valueOf(rs.getString("sex").toUpperCase()),
					rs.getString("preferred_language"), identifiers(id), conditions(id)))
			.optional();
		audit.record(AuditEntry.read("Patient", id.toString(), id));
		return found;
	}

	private List<PatientIdentifier> identifiers(PatientId id) {
		return jdbc.sql("select type, system, value, assigner from patient_identifier where patient_id = ? order by type, system")
			.param(id.value())
			.query((rs, n) -> new PatientIdentifier(IdentifierType.valueOf(rs.getString("type")), rs.getString("system"),
					rs.getString("value"), rs.getString("assigner")))
			.list();
	}

	private List<CodedCondition> conditions(PatientId id) {
		return jdbc.sql("""
				select code, display, onset_date from patient_condition
				where patient_id = ? and not voided order by code""")
			.param(id.value())
			.query((rs, n) -> new CodedCondition(rs.getString("code"), rs.getString("display"),
					rs.getObject("onset_date", LocalDate.class)))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public long count() {
		return jdbc.sql("select count(*) from patient where not voided").query(Long.class).single();
	}
}
