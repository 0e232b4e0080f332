package org.caremap.portal.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.access.PortalAccessRule;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.SignInRules;
import org.caremap.patient.SupportNetwork;
import org.caremap.portal.NewPortalAccount;
import org.caremap.portal.PortalAccounts;
import org.caremap.portal.PortalSection;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portal accounts in {@code portal_account}, and the rule the one access check asks about portal principals: the
 * patient reads and contributes to their own record; a proxy does too while the account is active and the patient
 * lets their contact be told something (which sections, {@link PortalSection#forProxy}); nobody in the portal
 * changes the registration or the clinical record (REGISTER, WRITE).
 */
@Service
class JdbcPortalAccounts implements PortalAccounts, PortalAccessRule {

	static final int LOGIN_MAX = 254;
	static final int NAME_MAX = 200;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final SupportNetwork network;
	private final SignInRules rules;
	private final PasswordEncoder passwords;
	private final AuditTrail audit;

	JdbcPortalAccounts(JdbcClient jdbc, PatientAccess access, SupportNetwork network, SignInRules rules,
			PasswordEncoder passwords, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.network = network;
		this.rules = rules;
		this.passwords = passwords;
		this.audit = audit;
	}

	static String normalLogin(String login) {
		return login.trim().toLowerCase(Locale.ROOT);
	}

	@Override
	@Transactional
	public UUID create(NewPortalAccount account) {
		access.require(account.patient(), AccessPurpose.REGISTER);
		String login = normalLogin(account.login());
		String name = account.displayName().trim();
		if (login.length() < 3 || login.length() > LOGIN_MAX) throw new DomainException("portal.login.size", "login size");
		if (name.isEmpty() || name.length() > NAME_MAX) throw new DomainException("portal.name.size", "name size");
		if (account.supportContact() != null
				&& network.disclosure(account.patient(), account.supportContact()).isEmpty()) {
			throw new DomainException("portal.contact.unknown", "not a contact of this patient");
		}
		rules.passwordProblem(login, account.password()).ifPresent(problem -> {
			throw new DomainException(problem, "password policy");
		});
		if (loginTaken(login)) throw new DomainException("portal.login.taken", "login taken");
		if (hasAccount(account.patient(), account.supportContact())) {
			throw new DomainException("portal.account.exists", "the person already has an account");
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into portal_account (id, patient_id, support_contact_id, login, display_name, password_hash,
				                            status, created_by, activated_at)
				values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, now())""")
			.params(id, account.patient().value(), account.supportContact(), login, name,
					passwords.encode(account.password()), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "PortalAccount", id.toString(), account.patient()));
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean loginTaken(String login) {
		return jdbc.sql("select exists (select 1 from portal_account where login = ?)").param(normalLogin(login))
			.query(Boolean.class).single();
	}

	boolean hasAccount(PatientId patient, @Nullable UUID contact) {
		return jdbc.sql("""
				select exists (select 1 from portal_account
				               where patient_id = ? and coalesce(support_contact_id, patient_id) = ? and status <> 'REVOKED')""")
			.params(patient.value(), contact == null ? patient.value() : contact)
			.query(Boolean.class).single();
	}

	@Override
	@Transactional(readOnly = true)
	public Set<PortalSection> sections(PortalPrincipal principal) {
		if (!active(principal)) return EnumSet.noneOf(PortalSection.class);
		if (!principal.proxy()) return PortalSection.forPatient();
		UUID contact = principal.supportContact();
		return network.disclosure(principal.patient(), contact == null ? principal.patient().value() : contact)
			.map(PortalSection::forProxy)
			.orElse(EnumSet.noneOf(PortalSection.class));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PortalPrincipal> principal(UUID account) {
		return activePrincipal("id = ?", account);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PortalPrincipal> principalOf(String login) {
		return activePrincipal("login = ?", normalLogin(login));
	}

	private Optional<PortalPrincipal> activePrincipal(String which, Object value) {
		return jdbc.sql("""
				select id, display_name, patient_id, support_contact_id from portal_account
				where %s and status = 'ACTIVE'""".formatted(which))
			.param(value)
			.query((rs, n) -> new PortalPrincipal(rs.getObject(1, UUID.class), rs.getString(2),
					new PatientId(rs.getObject(3, UUID.class)), rs.getObject(4, UUID.class)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean messageNotices(PortalPrincipal principal) {
		return jdbc.sql("select message_notices from portal_account where id = ?").param(principal.accountId())
			.query(Boolean.class).optional().orElse(false);
	}

	@Override
	@Transactional
	public void messageNotices(PortalPrincipal principal, boolean on) {
		if (!active(principal)) throw new org.springframework.security.access.AccessDeniedException("the account is not active");
		jdbc.sql("update portal_account set message_notices = ? where id = ?").params(on, principal.accountId()).update();
		audit.record(new org.caremap.audit.AuditEntry("UPDATE", "PortalAccount", principal.accountId().toString(),
				principal.patient(), org.caremap.audit.AuditOutcome.SUCCESS, on ? "message notices on" : "message notices off"));
	}

	/** Whether the principal's account is still active, for the same patient and person it was signed in as. */
	private boolean active(PortalPrincipal principal) {
		return jdbc.sql("""
				select exists (select 1 from portal_account
				               where id = ? and status = 'ACTIVE' and patient_id = ?
				                 and support_contact_id is not distinct from ?)""")
			.params(principal.accountId(), principal.patient().value(), principal.supportContact())
			.query(Boolean.class).single();
	}

	@Override
	public Set<AccessPurpose> allowed(PortalPrincipal principal, PatientId patient) {
		if (!principal.patient().equals(patient)) return Set.of();
		if (!principal.proxy()) {
			return active(principal) ? EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE) : Set.of();
		}
		// a proxy reads what their level shows; only one told everything writes (messages) to the team
		Set<PortalSection> sections = sections(principal);
		if (sections.isEmpty()) return Set.of();
		return sections.contains(PortalSection.MESSAGES) ? EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE)
				: EnumSet.of(AccessPurpose.READ);
	}
}
