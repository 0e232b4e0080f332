package org.caremap.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.Part2Care;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents to disclose Part 2 records. Reading them needs the patient's record; recording and revoking them needs
 * to write it and to care for the patient within a Part 2 program, or to supervise. A revocation moves the consent
 * along its transition table, guarded in SQL, so a consent is revoked once.
 */
@Service
@Transactional
class JdbcDisclosureConsents implements DisclosureConsents {

	/** The longest a consent may run (a consent names its end). */
	static final int MAX_YEARS = 10;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final ObjectProvider<Part2Care> cares;

	JdbcDisclosureConsents(JdbcClient jdbc, PatientAccess access, AuditTrail audit, UserAccounts accounts,
			Organizations organizations, ObjectProvider<Part2Care> cares) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.accounts = accounts;
		this.organizations = organizations;
		this.cares = cares;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ConsentView> of(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		audit.record(AuditEntry.read("Part2Consent", null, patient));
		LocalDate today = organizations.today();
		return jdbc.sql("""
				select * from part2_consent where patient_id = ?
				order by (status = 'ACTIVE' and valid_from <= ? and valid_until >= ?) desc, recorded_at desc limit 500""")
			.params(patient.value(), today, today)
			.query(JdbcDisclosureConsents::view)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ConsentView> find(UUID consent) {
		Optional<ConsentView> found = jdbc.sql("select * from part2_consent where id = ?").param(consent)
			.query(JdbcDisclosureConsents::view).optional();
		found.ifPresent(c -> {
			access.require(c.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read("Part2Consent", consent.toString(), c.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean mayManage(PatientId patient) {
		if (!access.permits(patient, AccessPurpose.WRITE)) return false;
		CurrentUser me = CurrentUser.get().orElse(null);
		if (me == null) return CurrentActor.name().startsWith("system:") && !CurrentActor.name().startsWith(JdbcSegmentation.API);
		if (me.has(Role.SUPERVISOR)) return true;
		for (Part2Care care : cares) {
			if (!care.insideAmong(me.id(), List.of(patient)).isEmpty()) return true;
		}
		return false;
	}

	@Override
	public void requireManage(PatientId patient) {
		access.require(patient, AccessPurpose.WRITE);
		if (!mayManage(patient)) {
			audit.record(new AuditEntry("UPDATE", "Part2Consent", null, patient, AuditOutcome.DENIED,
					"not caring for the patient within a Part 2 program"));
			throw new AccessDeniedException("only those who care for the patient within the program record consents");
		}
	}

	@Override
	public ConsentView record(PatientId patient, NewConsent c) {
		requireManage(patient);
		LocalDate today = organizations.today();
		if (c.recipientKind() == null) throw new DomainException("access.consent-recipient", "choose who receives the records");
		UserId user = null;
		String key = null;
		String name = trimmed(c.recipientName());
		switch (c.recipientKind()) {
			case STAFF -> {
				if (c.recipientUser() == null) throw new DomainException("access.consent-recipient", "choose who receives the records");
				user = c.recipientUser();
				var found = accounts.find(user).orElseThrow(
						() -> new DomainException("access.consent-recipient", "choose who receives the records"));
				if (name == null) name = found.displayName();
			}
			case API_CLIENT -> {
				key = trimmed(c.recipientKey());
				if (key == null || key.length() > 100) throw new DomainException("access.consent-client", "give the system's client id");
				if (name == null) name = key;
			}
			case OUTSIDE -> {
				if (name == null) throw new DomainException("access.consent-recipient-name", "name who receives the records");
			}
		}
		if (name.length() > 200) throw new DomainException("access.consent-too-long", "the texts are too long");
		if (c.purpose() == null) throw new DomainException("access.consent-purpose", "choose the purpose");
		String purposeText = trimmed(c.purposeText());
		if (c.purpose() == Purpose.OTHER && purposeText == null) {
			throw new DomainException("access.consent-purpose-text", "describe the purpose");
		}
		String what = trimmed(c.what());
		if (what == null) throw new DomainException("access.consent-what", "say which records the consent covers");
		String signedBy = trimmed(c.signedBy());
		if (signedBy == null) throw new DomainException("access.consent-signed-by", "say who signed the consent");
		if ((purposeText != null && purposeText.length() > 500) || what.length() > 1000 || signedBy.length() > 200) {
			throw new DomainException("access.consent-too-long", "the texts are too long");
		}
		if (c.signedOn() == null) throw new DomainException("access.consent-signed-on", "give the day it was signed");
		if (c.signedOn().isAfter(today)) throw new DomainException("access.consent-signed-future", "a consent cannot be signed in the future");
		if (c.validFrom() == null || c.validUntil() == null) {
			throw new DomainException("access.consent-period", "give the days the consent runs from and until");
		}
		if (c.validUntil().isBefore(c.validFrom())) throw new DomainException("access.consent-period-order", "the end comes before the start");
		if (c.validUntil().isAfter(c.validFrom().plusYears(MAX_YEARS))) {
			throw new DomainException("access.consent-period-long", "a consent runs at most " + MAX_YEARS + " years", MAX_YEARS);
		}
		if (c.validFrom().isBefore(c.signedOn())) throw new DomainException("access.consent-before-signed", "a consent cannot start before it was signed");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into part2_consent (id, patient_id, recipient_kind, recipient_user, recipient_key, recipient_name,
				  purpose, purpose_text, what, valid_from, valid_until, signed_on, signed_by, recorded_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), c.recipientKind().name(), user == null ? null : user.value(), key, name,
					c.purpose().name(), c.purpose() == Purpose.OTHER ? purposeText : null, what, c.validFrom(), c.validUntil(),
					c.signedOn(), signedBy, CurrentActor.name())
			.update();
		audit.record(new AuditEntry("CREATE", "Part2Consent", id.toString(), patient, AuditOutcome.SUCCESS,
				c.recipientKind() + " " + c.purpose()));
		return jdbc.sql("select * from part2_consent where id = ?").param(id).query(JdbcDisclosureConsents::view).single();
	}

	@Override
	public ConsentView revoke(UUID consent, String reason) {
		PatientId patient = jdbc.sql("select patient_id from part2_consent where id = ?").param(consent)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional()
			.orElseThrow(() -> new NotFoundException("consent", consent));
		requireManage(patient);
		String why = trimmed(reason);
		if (why == null) throw new DomainException("access.consent-revoke-reason", "say why the consent is revoked");
		if (why.length() > 2000) throw new DomainException("access.consent-too-long", "the texts are too long");
		int moved = jdbc.sql("""
				update part2_consent c set status = 'REVOKED', revoked_at = now(), revoked_by = ?, revoke_reason = ?
				where id = ? and exists (select 1 from part2_consent_transition t
				                         where t.from_status = c.status and t.to_status = 'REVOKED')""")
			.params(CurrentActor.name(), why, consent)
			.update();
		if (moved == 0) throw new DomainException("access.consent-revoked", "this consent was already revoked");
		audit.record(new AuditEntry("REVOKE", "Part2Consent", consent.toString(), patient, AuditOutcome.SUCCESS, why));
		return jdbc.sql("select * from part2_consent where id = ?").param(consent).query(JdbcDisclosureConsents::view).single();
	}

	private static @Nullable String trimmed(@Nullable String text) {
		if (text == null) return null;
		String t = text.strip();
		return t.isEmpty() ? null : t;
	}

	private static ConsentView view(ResultSet rs, int n) throws SQLException {
		UUID user = rs.getObject("recipient_user", UUID.class);
		OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
		return new ConsentView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				RecipientKind.valueOf(rs.getString("recipient_kind")), user == null ? null : new UserId(user),
				rs.getString("recipient_key"), rs.getString("recipient_name"), Purpose.valueOf(rs.getString("purpose")),
				rs.getString("purpose_text"), rs.getString("what"), rs.getObject("valid_from", LocalDate.class),
				rs.getObject("valid_until", LocalDate.class), rs.getObject("signed_on", LocalDate.class),
				rs.getString("signed_by"), "REVOKED".equals(rs.getString("status")),
				revokedAt == null ? null : revokedAt.toInstant(), rs.getString("revoked_by"), rs.getString("revoke_reason"),
				rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"));
	}
}
