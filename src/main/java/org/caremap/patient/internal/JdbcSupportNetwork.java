package org.caremap.patient.internal;

import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.PortalPrincipal;
import org.caremap.patient.SupportContact;
import org.caremap.patient.SupportNetwork;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcSupportNetwork implements SupportNetwork {

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	JdbcSupportNetwork(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<SupportContact.Disclosure> disclosure(PatientId patient, UUID contact) {
		return jdbc.sql("select may_be_told from patient_contact where id = ? and patient_id = ? and not voided")
			.params(contact, patient.value())
			.query(String.class)
			.optional()
			.map(SupportContact.Disclosure::valueOf);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> preferredLanguage(PatientId patient) {
		return jdbc.sql("select preferred_language from patient where id = ? and not voided")
			.param(patient.value())
			.query(String.class)
			.optional();
	}

	@Override
	@Transactional
	public boolean changeDisclosure(PatientId patient, UUID contact, SupportContact.Disclosure level) {
		PortalPrincipal portal = PortalPrincipal.get().orElse(null);
		if (portal != null) {
			// the patient decides for themselves; a proxy never changes what proxies see
			if (portal.proxy() || !portal.patient().equals(patient)) {
				access.require(patient, AccessPurpose.REGISTER);
			}
			access.require(patient, AccessPurpose.CONTRIBUTE);
		}
		else {
			access.require(patient, AccessPurpose.REGISTER);
		}
		int changed = jdbc.sql("""
				update patient_contact set may_be_told = ?, updated_at = now(), updated_by = ?
				where id = ? and patient_id = ? and not voided""")
			.params(level.name(), CurrentActor.name(), contact, patient.value())
			.update();
		if (changed > 0) {
			audit.record(new AuditEntry("UPDATE", "SupportContact", contact.toString(), patient,
					org.caremap.audit.AuditOutcome.SUCCESS, "may be told: " + level.name()));
		}
		return changed > 0;
	}
}
