package org.caremap.portal.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.SignInRules;
import org.caremap.notification.EmailOutbox;
import org.caremap.patient.ContactDetails;
import org.caremap.patient.SupportNetwork;
import org.caremap.portal.PortalAccountView;
import org.caremap.portal.PortalInvitations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

@Service
class JdbcPortalInvitations implements PortalInvitations {

	/** Printed codes: letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
	private static final String CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY345679";
	private static final int CODE_LENGTH = 12;
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final SupportNetwork network;
	private final SignInRules rules;
	private final PasswordEncoder passwords;
	private final AuditTrail audit;
	private final EmailOutbox email;
	private final MessageSource messages;
	private final JdbcPortalAccounts accounts;
	private final PortalFailures failures;
	private final String publicUrl;

	JdbcPortalInvitations(JdbcClient jdbc, PatientAccess access, SupportNetwork network, SignInRules rules,
			PasswordEncoder passwords, AuditTrail audit, EmailOutbox email, MessageSource messages,
			JdbcPortalAccounts accounts, PortalFailures failures, @Value("${caremap.community.public-url:http://localhost:8080}") String publicUrl) {
		this.jdbc = jdbc;
		this.access = access;
		this.network = network;
		this.rules = rules;
		this.passwords = passwords;
		this.audit = audit;
		this.email = email;
		this.messages = messages;
		this.accounts = accounts;
		this.failures = failures;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/** A code as typed: spaces and dashes dropped, upper case (printed codes); link tokens are kept as they are. */
	static String normal(String code) {
		String trimmed = code.trim();
		return trimmed.length() > CODE_LENGTH + 6 ? trimmed : trimmed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
	}

	static String hash(String code) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normal(code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String printedCode() {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < CODE_LENGTH; i++) {
			if (i > 0 && i % 4 == 0) out.append('-');
			out.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
		}
		return out.toString();
	}

	static String linkToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	@Transactional(readOnly = true)
	public List<PortalAccountView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<PortalAccountView> out = jdbc.sql("""
				select a.id, a.support_contact_id, a.display_name, a.status, a.login, a.email, a.totp_secret is not null,
				       a.last_login_at, a.created_at,
				       (select max(i.expires_at) from portal_invitation i
				        where i.account_id = a.id and i.used_at is null and i.voided_at is null) as expires
				from portal_account a where a.patient_id = ?
				order by a.status = 'REVOKED', a.created_at desc""")
			.param(patient.value())
			.query((rs, n) -> new PortalAccountView(rs.getObject(1, UUID.class), patient, rs.getObject(2, UUID.class),
					rs.getString(3), PortalAccountView.Status.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
					rs.getBoolean(7), instant(rs.getObject(8, OffsetDateTime.class)),
					rs.getObject(9, OffsetDateTime.class).toInstant(), instant(rs.getObject(10, OffsetDateTime.class))))
			.list();
		audit.record(AuditEntry.read("PortalAccount", null, patient));
		return out;
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	@Override
	@Transactional
	public Invitation invite(PatientId patient, @Nullable UUID contact, String displayName, Channel channel,
			@Nullable String emailAddress, Locale language) {
		access.require(patient, AccessPurpose.REGISTER);
		String name = displayName.trim();
		if (name.isEmpty() || name.length() > JdbcPortalAccounts.NAME_MAX) throw new DomainException("portal.name.size", "name size");
		if (contact != null && network.disclosure(patient, contact).isEmpty()) {
			throw new DomainException("portal.contact.unknown", "not a contact of this patient");
		}
		String address = emailAddress == null ? null : emailAddress.trim();
		if (channel == Channel.EMAIL && (address == null || address.isEmpty() || address.length() > 254
				|| !ContactDetails.email(address))) {
			throw new DomainException("portal.invite.email", "an e-mail address is needed");
		}
		UUID person = contact == null ? patient.value() : contact;
		UUID account = jdbc.sql("""
				select id from portal_account
				where patient_id = ? and coalesce(support_contact_id, patient_id) = ? and status <> 'REVOKED'""")
			.params(patient.value(), person).query(UUID.class).optional().orElse(null);
		if (account != null && !"INVITED".equals(jdbc.sql("select status from portal_account where id = ?")
			.param(account).query(String.class).single())) {
			throw new DomainException("portal.account.exists", "the person already has an account");
		}
		if (account == null) {
			account = Ids.newId();
			jdbc.sql("""
					insert into portal_account (id, patient_id, support_contact_id, display_name, email, status, created_by)
					values (?, ?, ?, ?, ?, 'INVITED', ?)""")
				.params(account, patient.value(), contact, name, address, CurrentActor.name())
				.update();
			audit.record(AuditEntry.write("CREATE", "PortalAccount", account.toString(), patient));
		}
		else {
			jdbc.sql("update portal_account set display_name = ?, email = coalesce(?, email) where id = ?")
				.params(name, address, account).update();
		}
		// an earlier unused invitation stops working: only the newest code opens the account
		jdbc.sql("update portal_invitation set voided_at = now() where account_id = ? and used_at is null and voided_at is null")
			.param(account).update();
		String code = channel == Channel.PRINTED ? printedCode() : linkToken();
		UUID invitation = Ids.newId();
		Instant expires = Instant.now().plus(Duration.ofDays(VALID_FOR_DAYS));
		jdbc.sql("""
				insert into portal_invitation (id, account_id, channel, code_hash, expires_at, created_by)
				values (?, ?, ?, ?, ?, ?)""")
			.params(invitation, account, channel.name(), hash(code), expires.atOffset(ZoneOffset.UTC), CurrentActor.name())
			.update();
		if (channel == Channel.EMAIL && address != null) {
			String link = publicUrl + "/portal/welcome/" + code;
			email.queue(address, messages.getMessage("portal.invite.mail.subject", null, language),
					messages.getMessage("portal.invite.mail.body", new Object[] { name, link, VALID_FOR_DAYS }, language));
		}
		audit.record(new AuditEntry("INVITE", "PortalAccount", account.toString(), patient, AuditOutcome.SUCCESS,
				channel.name().toLowerCase(Locale.ROOT) + (contact == null ? ", patient" : ", support contact " + contact)));
		return new Invitation(account, invitation, channel, code, expires);
	}

	@Override
	@Transactional
	public void revoke(PatientId patient, UUID account) {
		access.require(patient, AccessPurpose.REGISTER);
		int changed = jdbc.sql("""
				update portal_account set status = 'REVOKED', login = null, revoked_at = now(), revoked_by = ?
				where id = ? and patient_id = ? and status <> 'REVOKED'""")
			.params(CurrentActor.name(), account, patient.value()).update();
		if (changed == 0) throw new DomainException("portal.account.notFound", "no such account to revoke");
		jdbc.sql("update portal_invitation set voided_at = now() where account_id = ? and used_at is null and voided_at is null")
			.param(account).update();
		audit.record(AuditEntry.write("REVOKE", "PortalAccount", account.toString(), patient));
	}

	@Override
	@Transactional(noRollbackFor = DomainException.class)
	public UUID accept(String code, String login, String password, @Nullable String address) {
		if (rules.throttled(address)) throw new DomainException("portal.login.throttled", "throttled");
		String normalLogin = JdbcPortalAccounts.normalLogin(login);
		if (code.isBlank() || code.length() > 100) throw refused(address, "portal.welcome.badCode", "no code");
		record Found(UUID invitation, UUID account, PatientId patient) {
		}
		Found found = jdbc.sql("""
				select i.id, a.id, a.patient_id from portal_invitation i join portal_account a on a.id = i.account_id
				where i.code_hash = ? and i.used_at is null and i.voided_at is null and i.expires_at > now()
				  and a.status = 'INVITED'
				for update of i, a""")
			.param(hash(code))
			.query((rs, n) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					new PatientId(rs.getObject(3, UUID.class))))
			.optional().orElse(null);
		if (found == null) throw refused(address, "portal.welcome.badCode", "unknown, used or expired invitation code");
		if (normalLogin.length() < 3 || normalLogin.length() > JdbcPortalAccounts.LOGIN_MAX
				|| !normalLogin.matches("[a-z0-9._@+-]+")) {
			throw new DomainException("portal.login.size", "login");
		}
		rules.passwordProblem(normalLogin, password).ifPresent(problem -> {
			throw new DomainException(problem, "password policy");
		});
		if (accounts.loginTaken(normalLogin)) throw new DomainException("portal.login.taken", "login taken");
		int used = jdbc.sql("update portal_invitation set used_at = now() where id = ? and used_at is null")
			.param(found.invitation()).update();
		if (used == 0) throw refused(address, "portal.welcome.badCode", "invitation used meanwhile");
		try {
			jdbc.sql("""
					update portal_account set login = ?, password_hash = ?, status = 'ACTIVE', activated_at = now()
					where id = ? and status = 'INVITED'""")
				.params(normalLogin, passwords.encode(password), found.account()).update();
		}
		catch (DuplicateKeyException ex) {
			// another invitee took the name between the check above and now: the field's answer, and nothing kept
			// (the invitation stays unused; the failed statement ended the transaction's work anyway)
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			throw new DomainException("portal.login.taken", "login taken meanwhile");
		}
		audit.record("portal:" + found.account(), new AuditEntry("ACTIVATE", "PortalAccount", found.account().toString(),
				found.patient(), AuditOutcome.SUCCESS, "invitation accepted"));
		return found.account();
	}

	/** A wrong code counts like a failed sign-in from the address (so codes cannot be guessed). */
	private DomainException refused(@Nullable String address, String key, String why) {
		rules.failed(address);
		audit.record("portal-welcome", new AuditEntry("ACTIVATE", "PortalAccount", null, null, AuditOutcome.FAILED, why));
		return new DomainException(key, why);
	}

	@Override
	public TotpSetup newTotp(PortalPrincipal principal) {
		String secret = org.caremap.shared.Totp.newSecret();
		String login = jdbc.sql("select login from portal_account where id = ?").param(principal.accountId())
			.query(String.class).optional().orElse(principal.displayName());
		return new TotpSetup(secret, org.caremap.shared.Totp.uri("Caremap", login, secret));
	}

	@Override
	@Transactional
	public boolean enableTotp(PortalPrincipal principal, String secret, String code) {
		if (!secret.matches("[A-Z2-7]{16,64}")) return false;
		long step = org.caremap.shared.Totp.matchedStep(secret, code, Instant.now());
		if (step < 0) return false;
		// the code that turned the factor on is used: signing in takes a later one
		int changed = jdbc.sql("update portal_account set totp_secret = ?, totp_last_step = ? where id = ? and status = 'ACTIVE'")
			.params(secret, step, principal.accountId()).update();
		audit.record(new AuditEntry("UPDATE", "PortalAccount", principal.accountId().toString(), principal.patient(),
				AuditOutcome.SUCCESS, "second factor turned on"));
		return changed > 0;
	}

	@Override
	@Transactional
	public boolean disableTotp(PortalPrincipal principal, String password, @Nullable String address) {
		// the password asked here counts like a sign-in's: the same throttle, the same run of failures and lockout
		String refusal = null;
		if (failures.throttled(address)) refusal = "too many failed sign-ins from " + address;
		else if (failures.locked(principal.accountId())) {
			failures.failed(address);
			refusal = "account locked";
		}
		if (refusal != null) {
			audit.record(new AuditEntry("UPDATE", "PortalAccount", principal.accountId().toString(), principal.patient(),
					AuditOutcome.DENIED, "second factor not turned off: " + refusal));
			return false;
		}
		String hash = jdbc.sql("select password_hash from portal_account where id = ? and status = 'ACTIVE'")
			.param(principal.accountId()).query(String.class).optional().orElse(null);
		if (hash == null || !passwords.matches(password, hash)) {
			if (hash == null) failures.failed(address);
			else failures.failed(principal.accountId(), address);
			audit.record(new AuditEntry("UPDATE", "PortalAccount", principal.accountId().toString(), principal.patient(),
					AuditOutcome.FAILED, "second factor not turned off: wrong password"));
			return false;
		}
		jdbc.sql("update portal_account set totp_secret = null where id = ?").param(principal.accountId()).update();
		audit.record(new AuditEntry("UPDATE", "PortalAccount", principal.accountId().toString(), principal.patient(),
				AuditOutcome.SUCCESS, "second factor turned off"));
		return true;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean hasTotp(PortalPrincipal principal) {
		return jdbc.sql("select totp_secret is not null from portal_account where id = ?").param(principal.accountId())
			.query(Boolean.class).optional().orElse(false);
	}
}
