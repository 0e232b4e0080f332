package org.caremap.utilization.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.utilization.Eligibilities;
import org.caremap.utilization.Eligibility;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Eligibility questions and answers in {@code coverage_eligibility}, checked and audited by the patient's record. */
@Service
@Transactional
class JdbcEligibilities implements Eligibilities {

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final PatientRegistry patients;

	JdbcEligibilities(JdbcClient jdbc, PatientAccess access, AuditTrail audit, PatientRegistry patients) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.patients = patients;
	}

	@Override
	public UUID ask(PatientId patient, String payer, @Nullable String memberId, @Nullable String service, Instant askedAt) {
		access.require(patient, AccessPurpose.CONTRIBUTE);
		if (patients.find(patient).isEmpty()) throw new NotFoundException("patient", patient.value());
		String who = Texts.orNull(payer);
		if (who == null) throw new DomainException("eligibility.payer", "name the payer");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into coverage_eligibility (id, patient_id, payer, member_id, service, asked_at, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), who, Texts.orNull(memberId), Texts.orNull(service), JdbcAuthorizations.time(askedAt),
					CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(new AuditEntry("CREATE", "CoverageEligibilityRequest", id.toString(), patient, AuditOutcome.SUCCESS, null));
		return id;
	}

	@Override
	public void answer(UUID id, Instant answeredAt, boolean inForce, @Nullable Boolean authRequired, @Nullable String note,
			@Nullable String payerReference) {
		Eligibility e = load(id).orElseThrow(() -> new NotFoundException("eligibility request", id));
		access.require(e.patient(), AccessPurpose.CONTRIBUTE);
		if (answeredAt.isBefore(e.askedAt())) throw new DomainException("eligibility.answered-before", "the answer came before the question");
		int changed = jdbc.sql("""
				update coverage_eligibility set answered_at = ?, in_force = ?, auth_required = ?, answer_note = ?, payer_reference = ?,
				    updated_at = now(), updated_by = ?
				where id = ? and answered_at is null""")
			.params(JdbcAuthorizations.time(answeredAt), inForce, authRequired, Texts.orNull(note), Texts.orNull(payerReference),
					CurrentActor.name(), id)
			.update();
		if (changed == 0) throw new DomainException("eligibility.answered", "the payer's answer was already recorded");
		audit.record(new AuditEntry("CREATE", "CoverageEligibilityResponse", id.toString(), e.patient(), AuditOutcome.SUCCESS, null));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Eligibility> find(UUID id) {
		Optional<Eligibility> found = load(id);
		found.ifPresent(e -> {
			access.require(e.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read("CoverageEligibilityRequest", id.toString(), e.patient()));
		});
		return found;
	}

	Optional<Eligibility> load(UUID id) {
		return jdbc.sql("select * from coverage_eligibility where id = ?").param(id).query(JdbcEligibilities::row).optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Eligibility> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<Eligibility> list = jdbc.sql("select * from coverage_eligibility where patient_id = ? order by asked_at desc")
			.param(patient.value()).query(JdbcEligibilities::row).list();
		audit.record(new AuditEntry("READ", "CoverageEligibilityRequest", null, patient, AuditOutcome.SUCCESS, list.size() + " eligibility checks"));
		return list;
	}

	static Eligibility row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Eligibility(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getString("payer"), rs.getString("member_id"), rs.getString("service"), JdbcAuthorizations.instant(rs, "asked_at"),
				JdbcAuthorizations.instant(rs, "answered_at"), (Boolean) rs.getObject("in_force"), (Boolean) rs.getObject("auth_required"),
				rs.getString("answer_note"), rs.getString("payer_reference"), JdbcAuthorizations.instant(rs, "updated_at"));
	}
}
